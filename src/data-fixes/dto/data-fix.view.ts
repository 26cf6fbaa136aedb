import { currentRound } from '../domain/data-fix.round.js';
import type { DataFixState, DataFixStatus, DataFixStep } from '../domain/data-fix.types.js';

export type DataFixStepView = DataFixStep & {
  /** true when a later change of the script voided this step */
  void: boolean;
};

export interface DataFixView {
  id: number;
  ticketKey: string;
  author: string;
  purpose: string;
  sql: string;
  sha256: string;
  state: DataFixStatus;
  flagged: boolean;
  history: DataFixStepView[];
}

/** What every data-fix call answers: the state and the whole history, voided steps marked. */
export function toView(fix: DataFixState): DataFixView {
  const current = new Set(currentRound(fix));
  const { id, ticketKey, author, purpose, sql, sha256, state, flagged } = fix;
  return { id, ticketKey, author, purpose, sql, sha256, state, flagged, history: fix.history.map((s) => ({ ...s, void: !current.has(s) })) };
}
