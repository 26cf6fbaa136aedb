import type { Column } from '../../jira/board-layout.js';
import type { JiraIssue } from '../../jira/jira.types.js';
import type { ColumnChange, TrackedTicket } from './ticket-merge.js';

/** What one Jira event did to a tracked ticket: what the flow and the service desk decide from. */
export interface TicketChange {
  key: string;
  created: boolean;
  /** nothing in the event was newer than what the service knew: nothing is decided from it */
  stale: boolean;
  /** the change was made by the service's own Jira account */
  echo: boolean;
  actor: string | null;
  timestamp: number;
  /** a status change not applied before (never one older than the ticket's newest) */
  statusChange: ColumnChange | null;
  /** the event's snapshot replaced the fields the service knew (its text may be read) */
  fieldsFresh: boolean;
  /** the resolution as of the event */
  resolution: string | null;
  /** the ticket as the service now knows it: decide from this, not from the event's snapshot */
  ticket: TrackedTicket;
  column: Column;
  /** the issue as the event carried it (may be older than `ticket`) */
  issue: JiraIssue;
}
