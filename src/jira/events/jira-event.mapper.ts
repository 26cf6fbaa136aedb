import { toJiraIssue, type IssueJson } from '../issue.mapper.js';
import { type JiraEvent, MalformedEventError, type StatusChange } from './jira-event.js';

/** One entry of a webhook's changelog (the shape of shared/samples/jira's issue_updated). */
interface ChangelogItem {
  fieldId?: unknown;
  field?: unknown;
  from?: unknown;
  fromString?: unknown;
  to?: unknown;
  toString?: unknown;
}

/**
 * A Jira webhook body as it arrives: every field may be missing or of another type; only the envelope
 * was checked at intake (jira-envelope.check.ts). mapJiraEvent checks the rest before it trusts it.
 */
export interface WebhookBody {
  webhookEvent?: unknown;
  timestamp?: unknown;
  user?: { accountId?: unknown } | null;
  issue?: (Omit<IssueJson, 'id' | 'key'> & { id?: unknown; key?: unknown }) | null;
  issueLink?: { id?: unknown; sourceIssueId?: unknown; destinationIssueId?: unknown; issueLinkType?: { name?: unknown } | null } | null;
  sprint?: { id?: unknown; name?: unknown; originBoardId?: unknown } | null;
  changelog?: { items?: unknown } | null;
}

/** The lane a stored webhook waits in: `fast` is claimed before `slow` (per-issue order is kept apart). */
export const LANE = { slow: 0, fast: 1 } as const;
export type Lane = (typeof LANE)[keyof typeof LANE];

function need(condition: unknown, what: string): asserts condition {
  if (!condition) throw new MalformedEventError(what);
}

function timestampOf(body: WebhookBody): number {
  const t = Number(body.timestamp);
  need(Number.isFinite(t) && t > 0, 'timestamp is missing or not a number');
  return t;
}

/** A status change is the changelog item whose fieldId is "status" (the `field` differs by event). */
function statusChange(body: WebhookBody): StatusChange | null {
  const item = itemsOf(body).find((i) => i.fieldId === 'status');
  if (!item) return null;
  need(item.to !== undefined && item.to !== null, 'the status change has no "to" status id');
  return {
    fromId: item.from == null ? null : String(item.from),
    toId: String(item.to),
    fromName: item.fromString == null ? null : String(item.fromString),
    toName: String(item.toString ?? ''),
  };
}

function itemsOf(body: WebhookBody): ChangelogItem[] {
  const items = body.changelog?.items;
  return Array.isArray(items) ? items.filter((i): i is ChangelogItem => typeof i === 'object' && i !== null) : [];
}

function issueKeyOf(body: WebhookBody): string {
  return typeof body.issue?.key === 'string' ? body.issue.key : '';
}

/** Where the events of one issue are serialised (a reconciliation's repair of it too). */
export function issueOrderKey(jiraId: string): string {
  return `issue:${jiraId}`;
}

/** Where the events of one thing are serialised: per issue, per link source issue, or sprints. */
export function orderKeyOf(body: WebhookBody): string {
  if (body.issue?.id != null) return issueOrderKey(String(body.issue.id));
  if (body.issueLink?.sourceIssueId != null) return issueOrderKey(String(body.issueLink.sourceIssueId));
  if (body.sprint?.id != null) return 'sprints';
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

/** Own rows only: an event named "constructor" or "toString" is not one the service acts on. */
function kindOf(body: WebhookBody) {
  const name = String(body.webhookEvent);
  return Object.hasOwn(EVENT_KINDS, name) ? EVENT_KINDS[name] : undefined;
}

/**
 * fast: the event can change the flow (a status change, a new or deleted issue, a link, a sprint) and is
 * applied before the others; slow: everything else (comments, field edits, and anything on a ticket of
 * the service desk project: the bulk of a site's traffic, never a pickup). Per-issue order is kept apart.
 */
export function laneOf(body: WebhookBody, serviceDeskProject: string): Lane {
  const kind = kindOf(body);
  if (!kind || issueKeyOf(body).startsWith(`${serviceDeskProject}-`)) return LANE.slow;
  if (kind.lane === 'fast') return LANE.fast;
  return itemsOf(body).some((i) => i.fieldId === 'status') ? LANE.fast : LANE.slow;
}

/**
 * True for a webhook that cannot decide anything: an event the service does not act on (comments,
 * worklogs, …) or an edit of a service desk ticket (unless it may re-type it to a bug to escalate,
 * with AUTO_ESCALATE_BUGS). It is stored, but never applied. When in doubt, false.
 */
export function decidesNothing(body: WebhookBody, rules: { serviceDeskProject: string; autoEscalate: boolean }): boolean {
  const kind = kindOf(body);
  if (!kind) return true;
  if (kind.type !== 'issue_changed' && kind.type !== 'issue_deleted') return false;
  if (!issueKeyOf(body).startsWith(`${rules.serviceDeskProject}-`)) return false;
  return !(rules.autoEscalate && itemsOf(body).some((i) => i.fieldId === 'issuetype' || i.field === 'issuetype'));
}

/** The webhook in the product's terms, by its row of EVENT_KINDS; a malformed one throws MalformedEventError. */
export function mapJiraEvent(body: WebhookBody): JiraEvent {
  const timestamp = timestampOf(body);
  const name = String(body.webhookEvent);
  const actor = body.user?.accountId ? String(body.user.accountId) : null;
  const kind = kindOf(body);
  if (!kind) return { type: 'ignored', timestamp, webhookEvent: name };
  switch (kind.type) {
    case 'issue_changed': {
      const issue = body.issue;
      need(issue && typeof issue === 'object', 'issue is missing');
      need(issue.key && issue.id != null, 'issue.key or issue.id is missing');
      need(issue.fields && typeof issue.fields === 'object', 'issue.fields is missing');
      return {
        type: 'issue_changed',
        created: name === 'jira:issue_created',
        timestamp,
        actor,
        issue: toJiraIssue({ ...issue, id: String(issue.id), key: String(issue.key) }),
        statusChange: statusChange(body),
        changedFields: itemsOf(body).map((i) => String(i.fieldId ?? i.field ?? '')),
      };
    }
    case 'issue_deleted': {
      const issue = body.issue;
      need(issue?.key, 'issue.key is missing');
      return { type: 'issue_deleted', timestamp, actor, issueId: String(issue.id), key: String(issue.key) };
    }
    case 'link_changed': {
      const link = body.issueLink;
      need(link && link.sourceIssueId != null && link.destinationIssueId != null, 'issueLink with sourceIssueId and destinationIssueId is missing');
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
    case 'sprint_changed': {
      const sprint = body.sprint;
      need(sprint?.id != null, 'sprint.id is missing');
      return {
        type: 'sprint_changed',
        started: name === 'sprint_started',
        timestamp,
        sprintId: Number(sprint.id),
        name: String(sprint.name ?? ''),
        boardId: sprint.originBoardId == null ? null : Number(sprint.originBoardId),
      };
    }
  }
}
