import { ok, refused, type Result } from '../../common/result.js';

/**
 * What an operator may do with a Jira change or a stored webhook in a given state: pure rules, the
 * services lock the row and ask these before they change it.
 */
export type Check = Result<object, 'not_failed' | 'not_quarantined' | 'superseded'>;

export type ChangeStatus = 'pending' | 'done' | 'failed' | 'abandoned';
/** A change's state as an operator sees it: `sending` while the outbox worker holds its claim (it is calling Jira). */
export type ChangeState = ChangeStatus | 'sending';
export type WebhookStatus = 'pending' | 'processed' | 'quarantined' | 'ignored';

const OK: Check = ok();

const CHANGE_STATE: Record<Exclude<ChangeState, 'failed'>, string> = {
  pending: 'is still waiting to be sent to Jira',
  sending: 'is being sent to Jira right now',
  done: 'was made in Jira already',
  abandoned: 'was abandoned',
};

/** Only a failed change can be retried or abandoned; anything else is 409 not_failed saying what it is. */
export function changeRecoveryCheck(action: 'retry' | 'abandon', change: { id: string; status: ChangeState }): Check {
  if (change.status === 'failed') return OK;
  const verb = action === 'retry' ? 'retried' : 'abandoned';
  return refused('not_failed', `Jira change ${change.id} ${CHANGE_STATE[change.status]}: only a failed change can be ${verb}`);
}

/**
 * The comment the outbox withheld because the change it explains failed (e.g. "moved back because …"
 * after a revert that failed): it belongs to that change, so a retry or an abandon takes it along.
 */
export function isWithheldExplanation(
  next: { status: ChangeStatus; kind: string; explainsPrevious: boolean; error: string | null } | null,
  withheldError: string,
): boolean {
  return next !== null && next.status === 'failed' && next.kind === 'comment' && next.explainsPrevious && next.error === withheldError;
}

/**
 * Only a quarantined webhook can be replayed. A sprint event older than a sprint event already
 * applied is refused: the rota would move back (issue events need no such check: the ticket tracker
 * ignores the status of an event older than the one it applied).
 */
export function replayCheck(webhook: { id: string; status: WebhookStatus }, newerSprintEventApplied: { id: string; event: string } | null): Check {
  if (webhook.status === 'pending')
    return refused('not_quarantined', `Webhook ${webhook.id} is not quarantined: it is waiting to be applied (replayed already?)`);
  if (webhook.status === 'processed') return refused('not_quarantined', `Webhook ${webhook.id} is not quarantined: it was applied already`);
  if (webhook.status === 'ignored')
    return refused('not_quarantined', `Webhook ${webhook.id} is not quarantined: it can decide nothing, so it was stored and never applied`);
  if (newerSprintEventApplied) {
    return refused(
      'superseded',
      `Webhook ${webhook.id} is a sprint event older than webhook ${newerSprintEventApplied.id} (${newerSprintEventApplied.event}), which was applied: ` +
        `replaying it would move the sprint and the rota back`,
    );
  }
  return OK;
}
