import type { Stage } from '../../config/progress-stages.js';
import type { TicketChange } from '../../tickets/domain/ticket-change.js';

export type { Stage };

/**
 * The step a ticket change tells the client, if any: triaged when link-back linked it just now while in
 * Triage (it was in Triage before the client's ticket knew it); otherwise a move a person made in Jira
 * (never an echo of the service's own, never an older event) to Triage, to Ready, or to a done status.
 * Picked up and deployed come from the flow's decisions, not from here. One step per change at most.
 */
export function stageReached(change: Pick<TicketChange, 'echo' | 'stale' | 'statusChange' | 'column' | 'issue'>, linkedNow: boolean): Stage | null {
  if (change.stale) return null;
  if (linkedNow && change.column === 'triage') return 'triaged';
  const sc = change.statusChange;
  if (change.echo || !sc || sc.fromColumn === sc.toColumn) return null;
  if (sc.toColumn === 'triage') return 'triaged';
  if (sc.toColumn === 'ready') return 'ready';
  return change.issue.statusCategory === 'done' ? 'done' : null;
}

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
