import { describe, expect, it } from '@jest/globals';
import type { Column } from '../../jira/board-layout.js';
import type { JiraIssue } from '../../jira/jira.types.js';
import { mergeEvent, mergeLinks, type IssueEvent, type Merge, type TrackedTicket } from './ticket-merge.js';

const COLUMNS: Record<string, Column> = { '1': 'triage', '2': 'ready', '3': 'in_progress' };
const columnOf = (id: string | null): Column => (id && COLUMNS[id]) || 'other';
const T = 1_000;

const known: TrackedTicket = {
  key: 'Q-1',
  jiraId: '10',
  summary: 'old summary',
  statusId: '2',
  statusName: 'Ready',
  column: 'ready',
  assignee: null,
  labels: [],
  priority: 'Medium',
  resolution: null,
  links: [],
  sprintIds: [],
  statusAt: T,
  fieldsAt: T,
  linksAt: T,
};

function issue(patch: Partial<JiraIssue> = {}): JiraIssue {
  return {
    id: '10',
    key: 'Q-1',
    projectKey: 'Q',
    issueType: 'Bug',
    summary: 'new summary',
    description: '',
    statusId: '2',
    statusName: 'Ready',
    statusCategory: 'new',
    assignee: null,
    labels: ['needs-service-desk-link'],
    priority: 'Medium',
    resolution: null,
    links: [],
    sprintIds: [],
    fields: {},
    ...patch,
  };
}
const toInProgress = { fromId: '2', toId: '3', fromName: 'Ready', toName: 'In Progress' };
const event = (timestamp: number, patch: Partial<JiraIssue> = {}, statusChange: IssueEvent['statusChange'] = null): IssueEvent => ({
  timestamp,
  issue: issue(patch),
  statusChange,
});
const link = { id: '7', type: 'Relates', otherKey: 'SUP-1', otherIsInward: false };

type Expect = Partial<Omit<Merge, 'next'>> & { next?: Partial<TrackedTicket> };

describe('folding an issue event into the service’s copy: newest wins, per part', () => {
  it.each<[string, TrackedTicket | null, IssueEvent, Expect]>([
    [
      'an untracked issue is tracked from its snapshot',
      null,
      event(T, { statusId: '3', statusName: 'In Progress' }, toInProgress),
      {
        created: true,
        stale: false,
        fieldsFresh: true,
        next: { statusId: '3', column: 'in_progress', statusAt: T, fieldsAt: T },
        statusChange: { ...toInProgress, fromColumn: 'ready', toColumn: 'in_progress' },
      },
    ],
    [
      'a created issue without a previous status has no move',
      null,
      event(T, {}, { fromId: null, toId: '2', fromName: null, toName: 'Ready' }),
      { created: true, statusChange: { fromId: null, toId: '2', fromName: null, toName: 'Ready', fromColumn: 'ready', toColumn: 'ready' } },
    ],
    [
      'a newer status change is applied, with its columns',
      known,
      event(T + 5, { statusId: '3' }, toInProgress),
      {
        stale: false,
        next: { statusId: '3', statusName: 'In Progress', column: 'in_progress', statusAt: T + 5, summary: 'new summary', fieldsAt: T + 5 },
        statusChange: { ...toInProgress, fromColumn: 'ready', toColumn: 'in_progress' },
      },
    ],
    [
      'an older status change is not applied and decides nothing',
      known,
      event(T - 5, { statusId: '3' }, toInProgress),
      { stale: true, statusChange: null, fieldsFresh: false, next: { statusId: '2', summary: 'old summary', statusAt: T } },
    ],
    [
      'a repeat at the same millisecond is not news',
      { ...known, statusId: '3', column: 'in_progress' },
      event(T, { statusId: '3' }, toInProgress),
      { stale: true, statusChange: null },
    ],
    [
      'another change at the same millisecond is',
      known,
      event(T, { statusId: '3' }, toInProgress),
      { stale: false, statusChange: { ...toInProgress, fromColumn: 'ready', toColumn: 'in_progress' }, fieldsFresh: false },
    ],
    [
      'a newer snapshot without a status item does not move the status (its change may still be on its way)',
      known,
      event(T + 5, { statusId: '3' }),
      { stale: false, statusChange: null, fieldsFresh: true, next: { statusId: '2', statusAt: T, labels: ['needs-service-desk-link'], fieldsAt: T + 5 } },
    ],
    [
      'an older snapshot does not undo newer fields: a late comment echo keeps the label',
      { ...known, labels: ['needs-service-desk-link'], fieldsAt: T + 9, linksAt: T + 9 },
      event(T + 5, { labels: [] }),
      { stale: true, fieldsFresh: false, next: { labels: ['needs-service-desk-link'], fieldsAt: T + 9 } },
    ],
    [
      'an older status change after newer fields: the status moves, the fields stay',
      { ...known, summary: 'newest', fieldsAt: T + 9, linksAt: T + 9 },
      event(T + 5, { statusId: '3' }, toInProgress),
      { stale: false, fieldsFresh: false, next: { statusId: '3', statusAt: T + 5, summary: 'newest', fieldsAt: T + 9 } },
    ],
    [
      'links read after a snapshot win over it',
      { ...known, links: [link], linksAt: T + 9 },
      event(T + 5, { links: [] }),
      { next: { links: [link], fieldsAt: T + 5 } },
    ],
  ])('%s', (_, k, e, expected) => {
    const merge = mergeEvent(k, e, columnOf);
    const { next, ...rest } = expected;
    expect(merge).toMatchObject(rest);
    if (next) expect(merge.next).toMatchObject(next);
  });

  it.each<[string, number, TrackedTicket['links']]>([
    ['links read now replace older ones', T + 1, [link]],
    ['links read before the newest snapshot are older than it', T - 1, []],
  ])('%s', (_, readAt, expected) => {
    expect(mergeLinks(known, [link], readAt).links).toEqual(expected);
  });
});
