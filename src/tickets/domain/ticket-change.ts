import type { Column } from '../../jira/board-layout.js';
import type { JiraIssue } from '../../jira/jira.types.js';
import type { StatusChange } from '../../webhooks/domain/jira-event.js';

/** What one Jira event did to a tracked ticket, as the flow needs it. */
export interface TicketChange {
  key: string;
  created: boolean;
  /** the event is older than what the service already applied: its status part was ignored */
  stale: boolean;
  /** the change was made by the service's own Jira account */
  echo: boolean;
  actor: string | null;
  timestamp: number;
  statusChange: (StatusChange & { fromColumn: Column; toColumn: Column }) | null;
  resolution: string | null;
  linksChanged: boolean;
  /** the ticket's column after the event, and the issue as the event carried it */
  column: Column;
  issue: JiraIssue;
}
