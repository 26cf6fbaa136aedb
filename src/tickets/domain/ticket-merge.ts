import type { Column } from '../../jira/board-layout.js';
import type { JiraIssue, JiraIssueLink } from '../../jira/jira.types.js';
import type { StatusChange } from '../../jira/events/jira-event.js';

/** What the service keeps of a 3rd-line ticket, with the Jira time (ms) of each part's newest source. */
export interface TrackedTicket {
  key: string;
  jiraId: string;
  summary: string;
  statusId: string;
  statusName: string;
  column: Column;
  assignee: string | null;
  labels: string[];
  priority: string | null;
  resolution: string | null;
  links: JiraIssueLink[];
  sprintIds: number[];
  /** the newest status change applied */
  statusAt: number;
  /** the newest issue snapshot whose fields were applied */
  fieldsAt: number;
  /** the newest read of the issue links */
  linksAt: number;
}

export interface IssueEvent {
  timestamp: number;
  issue: JiraIssue;
  /** the changelog's status item, if the event carries one */
  statusChange: StatusChange | null;
}

export type ColumnChange = StatusChange & { fromColumn: Column; toColumn: Column };

export interface Merge {
  next: TrackedTicket;
  created: boolean;
  /** a status change the service had not applied yet; null when the event has none or it is older */
  statusChange: ColumnChange | null;
  /** the event's snapshot was newer than the fields the service knew, and replaced them */
  fieldsFresh: boolean;
  /** nothing in the event was newer than what the service knew: decide nothing from it */
  stale: boolean;
}

/**
 * Folds one issue event into the service's copy, newest wins per part. The status only moves on a
 * changelog status item (or at creation): a later event's snapshot may show a status whose change
 * is still on its way, and deciding from the snapshot would take the change from the wrong person
 * and then ignore the real one as older.
 */
export function mergeEvent(known: TrackedTicket | null, event: IssueEvent, columnOf: (statusId: string | null) => Column): Merge {
  const { issue, timestamp } = event;
  if (!known) {
    const next = {
      ...fieldsOf(issue),
      ...statusOf(issue, columnOf),
      key: issue.key,
      jiraId: issue.id,
      links: issue.links,
      statusAt: timestamp,
      fieldsAt: timestamp,
      linksAt: timestamp,
    };
    return { next, created: true, statusChange: withColumns(event.statusChange, next.column, columnOf), fieldsFresh: true, stale: false };
  }
  const statusFresh = event.statusChange !== null && newer(timestamp, known.statusAt, event.statusChange.toId !== known.statusId);
  const fieldsFresh = timestamp > known.fieldsAt;
  const linksFresh = timestamp > known.linksAt;
  const next: TrackedTicket = {
    ...known,
    ...(statusFresh
      ? {
          ...statusOf(issue, columnOf),
          statusId: event.statusChange!.toId,
          statusName: event.statusChange!.toName || issue.statusName,
          column: columnOf(event.statusChange!.toId),
          statusAt: timestamp,
        }
      : {}),
    ...(fieldsFresh ? { ...fieldsOf(issue), key: issue.key, fieldsAt: timestamp } : {}),
    ...(linksFresh ? { links: issue.links, linksAt: timestamp } : {}),
  };
  return {
    next,
    created: false,
    statusChange: statusFresh ? withColumns(event.statusChange, known.column, columnOf) : null,
    fieldsFresh,
    stale: !statusFresh && !fieldsFresh && !linksFresh,
  };
}

/** Links re-read from Jira at `readAt` (link events carry issue ids only). */
export function mergeLinks(known: TrackedTicket, links: JiraIssueLink[], readAt: number): TrackedTicket {
  return readAt >= known.linksAt ? { ...known, links, linksAt: readAt } : known;
}

/** Newer wins; at the same millisecond only a change to another status counts (a repeat is not news). */
function newer(timestamp: number, knownAt: number, differs: boolean): boolean {
  return timestamp > knownAt || (timestamp === knownAt && differs);
}

function statusOf(issue: JiraIssue, columnOf: (statusId: string | null) => Column) {
  return { statusId: issue.statusId, statusName: issue.statusName, column: columnOf(issue.statusId), resolution: issue.resolution };
}

function fieldsOf(issue: JiraIssue) {
  return { summary: issue.summary, assignee: issue.assignee, labels: issue.labels, priority: issue.priority, sprintIds: issue.sprintIds };
}

function withColumns(change: StatusChange | null, knownColumn: Column, columnOf: (statusId: string | null) => Column): ColumnChange | null {
  if (!change) return null;
  return { ...change, fromColumn: change.fromId ? columnOf(change.fromId) : knownColumn, toColumn: columnOf(change.toId) };
}
