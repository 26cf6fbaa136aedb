import { toJiraIssue } from '../issue.mapper.js';
import { type JiraEvent, MalformedEventError, type StatusChange } from './jira-event.js';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function need(condition: unknown, what: string): void {
  if (!condition) throw new MalformedEventError(what);
}

function timestampOf(body: Raw): number {
  const t = Number(body.timestamp);
  need(Number.isFinite(t) && t > 0, 'timestamp is missing or not a number');
  return t;
}

/** A status change is the changelog item whose fieldId is "status" (the `field` differs by event). */
function statusChange(changelog: Raw | undefined): StatusChange | null {
  const items: Raw[] = Array.isArray(changelog?.items) ? changelog.items : [];
  const item = items.find((i) => i?.fieldId === 'status');
  if (!item) return null;
  need(item.to !== undefined && item.to !== null, 'the status change has no "to" status id');
  return {
    fromId: item.from == null ? null : String(item.from),
    toId: String(item.to),
    fromName: item.fromString ?? null,
    toName: String(item.toString ?? ''),
  };
}

/** Where the events of one issue are serialised (a reconciliation's repair of it too). */
export function issueOrderKey(jiraId: string): string {
  return `issue:${jiraId}`;
}

/** Where the events of one thing are serialised: per issue, per link source issue, or sprints. */
export function orderKeyOf(body: Raw): string {
  if (body.issue?.id !== undefined) return issueOrderKey(String(body.issue.id));
  if (body.issueLink?.sourceIssueId !== undefined) return issueOrderKey(String(body.issueLink.sourceIssueId));
  if (body.sprint?.id !== undefined) return 'sprints';
  return `event:${String(body.webhookEvent)}`;
}

/**
 * The webhook events the service acts on, one row each: the event type it becomes and its lane. `fast`:
 * it can change the flow and is applied before the rest; `status`: fast when it changes a status.
 * Every other webhook event is stored as `ignored` and never applied.
 */
const EVENT_KINDS: Record<string, { type: Exclude<JiraEvent['type'], 'ignored'>; lane: 'fast' | 'status' }> = {
  'jira:issue_created': { type: 'issue_changed', lane: 'fast' },
  'jira:issue_updated': { type: 'issue_changed', lane: 'status' },
  'jira:issue_deleted': { type: 'issue_deleted', lane: 'fast' },
  issuelink_created: { type: 'link_changed', lane: 'fast' },
  issuelink_deleted: { type: 'link_changed', lane: 'fast' },
  sprint_started: { type: 'sprint_changed', lane: 'fast' },
  sprint_closed: { type: 'sprint_changed', lane: 'fast' },
};

function kindOf(body: Raw) {
  return EVENT_KINDS[String(body.webhookEvent)] as (typeof EVENT_KINDS)[string] | undefined;
}

/**
 * 1: the event can change the flow (a status change, a new or deleted issue, a link, a sprint) and is
 * applied before the others; 0: everything else (comments, field edits, and anything on a ticket of
 * the service desk project: the bulk of a site's traffic, never a pickup). Per-issue order is kept apart.
 */
export function laneOf(body: Raw, serviceDeskProject: string): number {
  const key = typeof body.issue?.key === 'string' ? body.issue.key : '';
  const kind = kindOf(body);
  if (!kind || key.startsWith(`${serviceDeskProject}-`)) return 0;
  if (kind.lane === 'fast') return 1;
  const items: Raw[] = Array.isArray(body.changelog?.items) ? body.changelog.items : [];
  return items.some((i) => i?.fieldId === 'status') ? 1 : 0;
}

/**
 * True for a webhook that cannot decide anything: an event the service does not act on (comments,
 * worklogs, …) or an edit of a service desk ticket (unless it may re-type it to a bug to escalate,
 * with AUTO_ESCALATE_BUGS). It is stored, but never applied. When in doubt, false.
 */
export function decidesNothing(body: Raw, rules: { serviceDeskProject: string; autoEscalate: boolean }): boolean {
  const kind = kindOf(body);
  if (!kind) return true;
  const key = typeof body.issue?.key === 'string' ? body.issue.key : '';
  if (kind.type !== 'issue_changed' && kind.type !== 'issue_deleted') return false;
  if (!key.startsWith(`${rules.serviceDeskProject}-`)) return false;
  const items: Raw[] = Array.isArray(body.changelog?.items) ? body.changelog.items : [];
  return !(rules.autoEscalate && items.some((i) => i?.fieldId === 'issuetype' || i?.field === 'issuetype'));
}

/** The webhook in the product's terms, by its row of EVENT_KINDS; a malformed one throws MalformedEventError. */
export function mapJiraEvent(body: Raw): JiraEvent {
  const timestamp = timestampOf(body);
  const name = String(body.webhookEvent);
  const actor = body.user?.accountId ? String(body.user.accountId) : null;
  const kind = kindOf(body);
  if (!kind) return { type: 'ignored', timestamp, webhookEvent: name };
  switch (kind.type) {
    case 'issue_changed': {
      need(body.issue && typeof body.issue === 'object', 'issue is missing');
      need(body.issue.key && body.issue.id !== undefined, 'issue.key or issue.id is missing');
      need(body.issue.fields && typeof body.issue.fields === 'object', 'issue.fields is missing');
      const items: Raw[] = Array.isArray(body.changelog?.items) ? body.changelog.items : [];
      return {
        type: 'issue_changed',
        created: name === 'jira:issue_created',
        timestamp,
        actor,
        issue: toJiraIssue(body.issue),
        statusChange: statusChange(body.changelog),
        changedFields: items.map((i) => String(i?.fieldId ?? i?.field ?? '')),
      };
    }
    case 'issue_deleted':
      need(body.issue?.key, 'issue.key is missing');
      return { type: 'issue_deleted', timestamp, actor, issueId: String(body.issue.id), key: String(body.issue.key) };
    case 'link_changed': {
      const link = body.issueLink;
      need(link && link.sourceIssueId !== undefined && link.destinationIssueId !== undefined, 'issueLink with sourceIssueId and destinationIssueId is missing');
      return {
        type: 'link_changed',
        created: name === 'issuelink_created',
        timestamp,
        linkId: String(link.id),
        sourceIssueId: String(link.sourceIssueId),
        destinationIssueId: String(link.destinationIssueId),
        linkType: String(link.issueLinkType?.name ?? ''),
      };
    }
    case 'sprint_changed':
      need(body.sprint?.id !== undefined, 'sprint.id is missing');
      return {
        type: 'sprint_changed',
        started: name === 'sprint_started',
        timestamp,
        sprintId: Number(body.sprint.id),
        name: String(body.sprint.name ?? ''),
        boardId: body.sprint.originBoardId === undefined ? null : Number(body.sprint.originBoardId),
      };
  }
}
