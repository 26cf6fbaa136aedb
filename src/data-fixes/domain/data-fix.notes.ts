import { shortSha } from './data-fix.round.js';
import type { DataFixStep } from './data-fix.types.js';

/** The internal note written on the Jira ticket for one step, as a sentence. */
export function noteFor(id: number, step: DataFixStep, preprodRows?: { rowsAffected: number; environment: string }): string {
  const fix = `Data fix #${id}`;
  switch (step.kind) {
    case 'proposed':
      return withText(`${fix} proposed by ${step.person} (script sha256 ${shortSha(step.sha256)})`, step.purpose);
    case 'edited':
      return `${fix} changed by ${step.person} (script sha256 ${shortSha(step.sha256)}); the earlier review, preprod runs and approval are void.`;
    case 'review':
      return withText(`${fix} reviewed and ${step.decision === 'approve' ? 'approved' : 'rejected'} by ${step.person}`, step.comment);
    case 'preprod_run':
      return withText(
        `${fix} run on ${step.environment} by ${step.person}: ${rows(step.rowsAffected)}, ${step.verified ? 'verified' : 'NOT verified'}`,
        step.note,
      );
    case 'production_approval':
      return withText(`${fix} approved for production by ${step.person}`, step.comment);
    case 'production_run': {
      const applied = `${fix} applied on production by ${step.person}: ${rows(step.rowsAffected)}`;
      const flag = step.flagged && preprodRows ? `, but ${rows(preprodRows.rowsAffected)} on ${preprodRows.environment} (flagged)` : '';
      return withText(applied + flag, step.note);
    }
  }
}

function rows(count: number): string {
  return count === 1 ? '1 row affected' : `${count} rows affected`;
}

function withText(sentence: string, text: string): string {
  return text.trim() === '' ? `${sentence}.` : `${sentence}: ${text.trim()}`;
}
