import { ok, refused } from '../../common/result.js';
import { noteFor } from './data-fix.notes.js';
import { approvingReview, productionApproval, shortSha, verifiedPreprodRun } from './data-fix.round.js';
import type { DataFixCommand, DataFixDecision, DataFixEvent, DataFixEventType, DataFixRefusal, DataFixState, DataFixStep } from './data-fix.types.js';

type Refused = Extract<DataFixDecision, { ok: false }>;
type Accepted = Extract<DataFixDecision, { ok: true }>;

const EVENT_TYPE: Record<DataFixStep['kind'], DataFixEventType> = {
  proposed: 'data_fix.proposed',
  edited: 'data_fix.edited',
  review: 'data_fix.reviewed',
  preprod_run: 'data_fix.preprod_applied',
  production_approval: 'data_fix.production_approved',
  production_run: 'data_fix.production_applied',
};

/** A new fix, in draft; the caller has already checked the SQL (checkSql) and fingerprinted it. */
export function proposeDataFix(fix: { id: number; ticketKey: string; author: string; purpose: string; sql: string; sha256: string }, now: Date): Accepted {
  const step: DataFixStep = { kind: 'proposed', person: fix.author, at: now, sha256: fix.sha256, purpose: fix.purpose, sql: fix.sql };
  const next: DataFixState = { ...fix, state: 'draft', flagged: false, history: [step] };
  return ok({ next, events: [eventFor(next, step)] });
}

/**
 * One step of the four-eyes process. When several refusals apply, the identity refusal wins
 * (not_author, self_review, self_approval): it holds in every state, so it is the one that
 * tells the person what to do; the state refusals follow.
 */
export function decideDataFix(fix: DataFixState, command: DataFixCommand, now: Date): DataFixDecision {
  const refused = identityRefusal(fix, command) ?? stateRefusal(fix, command);
  if (refused) return refused;
  const step = stepFor(fix, command, now);
  const next: DataFixState = { ...fix, ...changesFor(step), history: [...fix.history, step] };
  return ok({ next, events: [eventFor(next, step)] });
}

function identityRefusal(fix: DataFixState, command: DataFixCommand): Refused | null {
  const id = `data fix #${fix.id}`;
  const isAuthor = command.person === fix.author;
  if (command.type === 'edit' && !isAuthor) return refuse('not_author', `Only the author, ${fix.author}, may change ${id}.`);
  if (command.type === 'review' && isAuthor) return refuse('self_review', `${fix.author} wrote ${id} and cannot review it; a second person must.`);
  if (command.type === 'productionApproval' && isAuthor) {
    return refuse('self_approval', `${fix.author} wrote ${id} and cannot approve it for production; a second person must.`);
  }
  return null;
}

function stateRefusal(fix: DataFixState, command: DataFixCommand): Refused | null {
  const id = `Data fix #${fix.id}`;
  const script = `its current script (sha256 ${shortSha(fix.sha256)})`;
  if (fix.state === 'applied') return refuse('already_applied', `${id} has been applied on production; it can no longer change.`);
  const approved = fix.state === 'production_approved';
  switch (command.type) {
    case 'edit':
      return null;
    case 'review':
      return fix.state === 'draft'
        ? null
        : refuse('already_reviewed', `${id} has already been reviewed (${fix.state}); change the script to start a new review.`);
    case 'preprodRun':
      if (approved) return refuse('already_approved', `${id} is already approved for production; change the script to start over.`);
      return approvingReview(fix) ? null : refuse('not_reviewed', `${id} has no approving review of ${script}; it cannot run on preprod yet.`);
    case 'productionApproval':
      if (approved) return refuse('already_approved', `${id} is already approved for production.`);
      return verifiedPreprodRun(fix)
        ? null
        : refuse('preprod_not_verified', `${id} has no verified preprod run of ${script}; it cannot be approved for production.`);
    case 'productionRun':
      return approved && productionApproval(fix) ? null : refuse('not_approved', `${id} is not approved for production (${fix.state}).`);
  }
}

function stepFor(fix: DataFixState, command: DataFixCommand, at: Date): DataFixStep {
  const base = { person: command.person, at, sha256: fix.sha256 };
  switch (command.type) {
    case 'edit':
      return { ...base, kind: 'edited', sha256: command.sha256, sql: command.sql };
    case 'review':
      return { ...base, kind: 'review', decision: command.decision, comment: command.comment };
    case 'preprodRun': {
      const { environment, rowsAffected, verified, note } = command;
      return { ...base, kind: 'preprod_run', environment, rowsAffected, verified, note };
    }
    case 'productionApproval':
      return { ...base, kind: 'production_approval', comment: command.comment };
    case 'productionRun': {
      const flagged = command.rowsAffected !== verifiedPreprodRun(fix)?.rowsAffected;
      return { ...base, kind: 'production_run', rowsAffected: command.rowsAffected, note: command.note, flagged };
    }
  }
}

function changesFor(step: DataFixStep): Partial<DataFixState> {
  switch (step.kind) {
    case 'proposed':
    case 'edited':
      return { sql: step.sql, sha256: step.sha256, state: 'draft', flagged: false };
    case 'review':
      return { state: step.decision === 'approve' ? 'reviewed' : 'rejected' };
    case 'preprod_run':
      // an unverified run is recorded but leaves the fix reviewed (and withdraws an earlier verification)
      return { state: step.verified ? 'preprod_verified' : 'reviewed' };
    case 'production_approval':
      return { state: 'production_approved' };
    case 'production_run':
      return { state: 'applied', flagged: step.flagged };
  }
}

function eventFor(next: DataFixState, step: DataFixStep): DataFixEvent {
  const { person, at, ...details } = step;
  const preprod = step.kind === 'production_run' ? verifiedPreprodRun(next) : undefined;
  return {
    type: EVENT_TYPE[step.kind],
    dataFixId: next.id,
    ticketKey: next.ticketKey,
    actor: person,
    at,
    note: noteFor(next.id, step, preprod),
    data: { ...details, state: next.state },
  };
}

function refuse(code: DataFixRefusal, message: string): Refused {
  return refused(code, message);
}
