import type { Sprint } from './jira.types.js';

export type Column = 'triage' | 'ready' | 'in_progress' | 'other';

/** What board discovery learned: which status ids make each configured column, and the active sprint. */
export interface BoardLayout {
  triage: string[];
  ready: string[];
  inProgress: string[];
  /** status id → the configured column it makes up (the board configuration names no status) */
  statusNames: Record<string, string>;
  /** the QA/Operations board's Rank field: string order is rank order */
  rankFieldId: string;
  /** the QA/Operations board's filter (without ORDER BY): what makes an issue a 3rd-line ticket */
  qaFilterJql: string;
  activeSprint: Sprint | null;
  refreshedAt: Date;
}

export function columnOf(layout: BoardLayout | null, statusId: string | null | undefined): Column {
  if (!layout || !statusId) return 'other';
  if (layout.inProgress.includes(statusId)) return 'in_progress';
  if (layout.ready.includes(statusId)) return 'ready';
  if (layout.triage.includes(statusId)) return 'triage';
  return 'other';
}
