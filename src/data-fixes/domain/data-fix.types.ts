import type { Result } from '../../common/result.js';

/** The states of a data fix (contract.md "Data fixes (four eyes)"). */
export type DataFixStatus = 'draft' | 'reviewed' | 'rejected' | 'preprod_verified' | 'production_approved' | 'applied';

export type ReviewDecision = 'approve' | 'reject';

/** What happened at one step; `sha256` is the script the step was about. */
export type DataFixStepDetails =
  | { kind: 'proposed'; purpose: string; sql: string }
  | { kind: 'edited'; sql: string }
  | { kind: 'review'; decision: ReviewDecision; comment: string }
  | { kind: 'preprod_run'; environment: string; rowsAffected: number; verified: boolean; note: string }
  | { kind: 'production_approval'; comment: string }
  | { kind: 'production_run'; rowsAffected: number; note: string; flagged: boolean };

export type DataFixStep = { person: string; at: Date; sha256: string } & DataFixStepDetails;

/**
 * A data fix and its whole history. The rules only count the steps since the script last
 * changed (the "current round", see data-fix.round.ts): an edit voids everything before it.
 */
export interface DataFixState {
  id: number;
  ticketKey: string;
  author: string;
  purpose: string;
  sql: string;
  sha256: string;
  state: DataFixStatus;
  /** true once a production run affected a different number of rows than the verified preprod run */
  flagged: boolean;
  history: DataFixStep[];
}

export type DataFixCommand =
  | { type: 'edit'; person: string; sql: string; sha256: string }
  | { type: 'review'; person: string; decision: ReviewDecision; comment: string }
  | { type: 'preprodRun'; person: string; environment: string; rowsAffected: number; verified: boolean; note: string }
  | { type: 'productionApproval'; person: string; comment: string }
  | { type: 'productionRun'; person: string; rowsAffected: number; note: string };

export type DataFixEventType =
  'data_fix.proposed' | 'data_fix.edited' | 'data_fix.reviewed' | 'data_fix.preprod_applied' | 'data_fix.production_approved' | 'data_fix.production_applied';

/** One accepted step: an audit entry (type, ticketKey, actor, at, data) plus the internal Jira note. */
export interface DataFixEvent {
  type: DataFixEventType;
  dataFixId: number;
  ticketKey: string;
  actor: string;
  at: Date;
  /** a sentence for the internal note on the Jira ticket */
  note: string;
  data: { sha256: string; state: DataFixStatus } & DataFixStepDetails;
}

/** Expected refusals. Identity refusals first, then state refusals (see data-fix.decision.ts). */
export type DataFixRefusal =
  | 'not_author'
  | 'self_review'
  | 'self_approval'
  | 'already_applied'
  | 'already_approved'
  | 'already_reviewed'
  | 'not_reviewed'
  | 'preprod_not_verified'
  | 'not_approved';

export type DataFixDecision = Result<{ next: DataFixState; events: DataFixEvent[] }, DataFixRefusal>;
