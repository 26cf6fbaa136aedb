import type { JiraIssue } from '../jira.types.js';

export interface StatusChange {
  fromId: string | null;
  toId: string;
  fromName: string | null;
  toName: string;
}

/** A webhook in the product's terms. */
export type JiraEvent =
  | {
      type: 'issue_changed';
      created: boolean;
      timestamp: number;
      actor: string | null;
      issue: JiraIssue;
      statusChange: StatusChange | null;
      changedFields: string[];
    }
  | { type: 'issue_deleted'; timestamp: number; actor: string | null; issueId: string; key: string }
  | { type: 'link_changed'; created: boolean; timestamp: number; linkId: string; sourceIssueId: string; destinationIssueId: string; linkType: string }
  | { type: 'sprint_changed'; started: boolean; timestamp: number; sprintId: number; name: string; boardId: number | null }
  | { type: 'ignored'; timestamp: number; webhookEvent: string };

export class MalformedEventError extends Error {
  override name = 'MalformedEventError';
}
