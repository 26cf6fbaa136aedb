// Webhook bodies shaped like the captured samples in /work/shared/samples/jira.
import type { JiraJson } from './jira-json';
import type { SimState, StoredIssue } from './sim-state';
import type { ChangelogItem, SimComment, SimLink, SimSprint } from './types';

export type { ChangelogItem };

type Json = Record<string, unknown>;

export type IssueEventType = 'issue_created' | 'issue_generic' | 'issue_updated' | 'issue_assigned' | 'issue_commented';

export function changelogItem(
  field: string,
  fieldId: string,
  from: string | null,
  fromString: string | null,
  to: string | null,
  toString: string | null,
  fieldtype: 'jira' | 'custom' = 'jira',
): ChangelogItem {
  return { field, fieldtype, fieldId, from, fromString, to, toString };
}

export class WebhookBodies {
  constructor(
    private readonly state: SimState,
    private readonly json: JiraJson,
  ) {}

  private issue(issue: StoredIssue): Json {
    const full = this.json.issue(issue, 'v2', undefined, '*navigable');
    return { id: full.id, self: full.self, key: full.key, fields: full.fields };
  }

  issueEvent(
    webhookEvent: 'jira:issue_created' | 'jira:issue_updated',
    type: IssueEventType,
    issue: StoredIssue,
    by: string,
    changelog: { id: string; items: ChangelogItem[] },
  ): Json {
    return {
      timestamp: this.state.nextTimestamp(),
      webhookEvent,
      issue_event_type_name: type,
      user: this.json.user(by, 'v2'),
      issue: this.issue(issue),
      changelog: structuredClone(changelog),
    };
  }

  issueCommented(issue: StoredIssue, comment: SimComment): Json {
    return {
      timestamp: this.state.nextTimestamp(),
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_commented',
      user: this.json.user(comment.authorId, 'v2'),
      issue: this.issue(issue),
      comment: this.json.comment(comment, 'v2', false),
    };
  }

  /** built before the issue is removed from the state */
  issueDeleted(issue: StoredIssue, by: string): Json {
    return { timestamp: this.state.nextTimestamp(), webhookEvent: 'jira:issue_deleted', user: this.json.user(by, 'v2'), issue: this.issue(issue) };
  }

  /** sourceIssueId = the issue POSTed as inwardIssue (it reads with the outward words) */
  link(event: 'issuelink_created' | 'issuelink_deleted', link: SimLink): Json {
    const type = this.state.linkType(link.type);
    const source = this.state.require(link.inwardKey);
    const destination = this.state.require(link.outwardKey);
    return {
      timestamp: this.state.nextTimestamp(),
      webhookEvent: event,
      issueLink: {
        id: Number(link.id),
        sourceIssueId: Number(source.id),
        destinationIssueId: Number(destination.id),
        issueLinkType: {
          id: Number(type?.id),
          name: type?.name ?? link.type,
          outwardName: type?.outward,
          inwardName: type?.inward,
          isSubTaskLinkType: false,
          isSystemLinkType: false,
        },
        systemLink: false,
      },
    };
  }

  sprint(event: 'sprint_started' | 'sprint_closed', sprint: SimSprint): Json {
    return { timestamp: this.state.nextTimestamp(), webhookEvent: event, sprint: this.json.sprint(sprint) };
  }

  /** comment_created carries no `user` (see the sample); jsdPublic false marks an internal note */
  comment(issue: StoredIssue, comment: SimComment): Json {
    const v2 = this.json.issue(issue, 'v2', ['summary', 'issuetype', 'project', 'assignee', 'priority', 'status']);
    return {
      timestamp: this.state.nextTimestamp(),
      webhookEvent: 'comment_created',
      comment: this.json.comment(comment, 'v2', false),
      issue: { id: v2.id, self: v2.self, key: v2.key, fields: v2.fields },
    };
  }
}
