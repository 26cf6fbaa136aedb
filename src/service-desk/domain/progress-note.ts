import type { Stage } from '../../config/progress-stages.js';

export type { Stage };

/** The internal note support reads on the client's ticket: where the fix is, in one sentence. */
export function progressNote(stage: Stage, bugKey: string, at: Date, detail: { by?: string | null; environment?: string } = {}): string {
  const when = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  switch (stage) {
    case 'triaged':
      return `3rd-line: ${bugKey} is in Triage on the QA/Operations board (${when}).`;
    case 'ready':
      return `3rd-line: ${bugKey} is assessed and Ready for sprint, waiting for its turn (${when}).`;
    case 'picked_up':
      return `3rd-line: ${bugKey} was picked up by ${detail.by ?? 'the designated developer'} and is in progress (${when}).`;
    case 'deployed':
      return `3rd-line: the fix for ${bugKey} is deployed to ${detail.environment ?? 'D'} (${when}).`;
    case 'done':
      return `3rd-line: ${bugKey} is done (${when}).`;
  }
}

/** A configured public template, with {bug} replaced by the bug's key. */
export function publicText(template: string, bugKey: string): string {
  return template.replaceAll('{bug}', bugKey);
}
