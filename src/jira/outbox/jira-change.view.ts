import type { JiraChangeEntity } from '../persistence/jira-change.entity.js';
import { describeChange } from './jira-change.js';

/** A Jira change as the API shows it: what it does, where it stands, and Jira's answer. */
export interface JiraChangeView {
  id: number;
  ticketKey: string;
  change: string;
  kind: string;
  status: string;
  attempts: number;
  /** Jira's answer when it refused (or why the change was not sent) */
  error: string | null;
  /** `applied`, or `already_done` when Jira was in that state already */
  outcome: string | null;
  abandonReason: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export function toJiraChangeView(c: JiraChangeEntity, statusName?: (id: string) => string | null): JiraChangeView {
  return {
    id: Number(c.id),
    ticketKey: c.orderingKey,
    change: describeChange(c.payload, statusName),
    kind: c.kind,
    status: c.status,
    attempts: c.attempts,
    error: c.lastError,
    outcome: c.outcome,
    abandonReason: c.abandonReason,
    createdAt: c.createdAt,
    finishedAt: c.finishedAt,
  };
}
