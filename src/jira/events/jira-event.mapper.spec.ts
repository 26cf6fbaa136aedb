import { describe, expect, it } from '@jest/globals';
import { decidesNothing, LANE, laneOf, mapJiraEvent, orderKeyOf, type Lane } from './jira-event.mapper.js';

const issue = (key = 'QAOPS-7', fields: Record<string, unknown> = {}) => ({
  id: '10007',
  key,
  fields: { summary: 's', status: { id: '3', name: 'In Progress' }, ...fields },
});
const statusItem = { field: 'status', fieldId: 'status', from: '10002', fromString: 'Ready for sprint', to: '3', toString: 'In Progress' };
const updated = (changelog: unknown[], key = 'QAOPS-7') => ({
  timestamp: 1000,
  webhookEvent: 'jira:issue_updated',
  user: { accountId: 'dev' },
  issue: issue(key),
  changelog: { items: changelog },
});

describe('a Jira webhook in the product’s terms', () => {
  it.each<[string, Record<string, unknown>, unknown]>([
    [
      'a status change is matched on fieldId, with the ids of the board configuration',
      updated([{ ...statusItem, field: 'Status' }]),
      {
        type: 'issue_changed',
        created: false,
        actor: 'dev',
        statusChange: { fromId: '10002', toId: '3', fromName: 'Ready for sprint', toName: 'In Progress' },
        changedFields: ['status'],
      },
    ],
    [
      'an edit without a status item has no status change',
      updated([{ field: 'labels', fieldId: 'labels', from: null, to: null }]),
      { type: 'issue_changed', statusChange: null, changedFields: ['labels'] },
    ],
    ['a created issue', { ...updated([]), webhookEvent: 'jira:issue_created' }, { type: 'issue_changed', created: true }],
    ['a deleted issue', { timestamp: 1000, webhookEvent: 'jira:issue_deleted', issue: issue() }, { type: 'issue_deleted', key: 'QAOPS-7', issueId: '10007' }],
    [
      'a link event carries issue ids only',
      { timestamp: 1000, webhookEvent: 'issuelink_created', issueLink: { id: 5, sourceIssueId: 1, destinationIssueId: 2, issueLinkType: { name: 'Relates' } } },
      { type: 'link_changed', created: true, linkId: '5', sourceIssueId: '1', destinationIssueId: '2', linkType: 'Relates' },
    ],
    [
      'a sprint start with its board',
      { timestamp: 1000, webhookEvent: 'sprint_started', sprint: { id: 12, name: 'Sprint 12', originBoardId: 2 } },
      { type: 'sprint_changed', started: true, sprintId: 12, boardId: 2 },
    ],
    [
      'a sprint event without its board',
      { timestamp: 1000, webhookEvent: 'sprint_closed', sprint: { id: 12 } },
      { type: 'sprint_changed', started: false, boardId: null },
    ],
    [
      'an event the service does not act on',
      { timestamp: 1000, webhookEvent: 'comment_created', comment: {} },
      { type: 'ignored', webhookEvent: 'comment_created' },
    ],
    ['an event named like a property of every object', { timestamp: 1000, webhookEvent: 'toString' }, { type: 'ignored', webhookEvent: 'toString' }],
  ])('%s', (_, body, expected) => {
    expect(mapJiraEvent(body)).toMatchObject(expected as object);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no timestamp', { webhookEvent: 'jira:issue_updated', issue: issue() }, 'timestamp'],
    ['no issue fields', { timestamp: 1, webhookEvent: 'jira:issue_updated', issue: { id: '1', key: 'Q-1' } }, 'issue.fields'],
    ['a status change without its target', updated([{ ...statusItem, to: null }]), 'no "to" status id'],
    ['a link event without issue ids', { timestamp: 1, webhookEvent: 'issuelink_deleted', issueLink: { id: 1 } }, 'sourceIssueId'],
  ])('refuses an event with %s (quarantined, never applied)', (_, body, problem) => {
    expect(() => mapJiraEvent(body)).toThrow(problem);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an issue event, by the issue', updated([]), 'issue:10007'],
    ['a link event, by its source issue', { webhookEvent: 'issuelink_created', issueLink: { sourceIssueId: 42 } }, 'issue:42'],
    ['sprint events, all in one order', { webhookEvent: 'sprint_started', sprint: { id: 3 } }, 'sprints'],
    ['anything else, by its event type', { webhookEvent: 'user_updated' }, 'event:user_updated'],
  ])('orders %s', (_, body, key) => {
    expect(orderKeyOf(body)).toBe(key);
  });

  it.each<[string, Record<string, unknown>, Lane]>([
    ['a status change of a bug takes the fast lane', updated([statusItem]), LANE.fast],
    ['an edit of a bug does not', updated([{ fieldId: 'labels' }]), LANE.slow],
    ['a created issue, a link, a sprint take it', { webhookEvent: 'sprint_started', sprint: { id: 1 } }, LANE.fast],
    ['a status change of a service desk ticket does not (it is never a pickup)', updated([statusItem], 'SUP-3'), LANE.slow],
  ])('%s', (_, body, lane) => {
    expect(laneOf(body, 'SUP')).toBe(lane);
  });

  it.each<[string, Record<string, unknown>, boolean, boolean]>([
    ['a comment', { webhookEvent: 'comment_created', issue: issue() }, false, true],
    ['an event named like a property of every object', { webhookEvent: 'constructor', issue: issue() }, false, true],
    ['…or of its prototype', { webhookEvent: '__proto__', issue: issue() }, false, true],
    ['a deleted issue (it may hold the slot)', { webhookEvent: 'jira:issue_deleted', issue: issue() }, false, false],
    ['a deleted service desk ticket', { webhookEvent: 'jira:issue_deleted', issue: { ...issue(), key: 'SUP-3' } }, false, true],
    ['an edit of a service desk ticket', updated([statusItem], 'SUP-3'), false, true],
    ['a re-typed service desk ticket, AUTO_ESCALATE_BUGS off', updated([{ fieldId: 'issuetype' }], 'SUP-3'), false, true],
    ['a re-typed service desk ticket, AUTO_ESCALATE_BUGS on', updated([{ fieldId: 'issuetype' }], 'SUP-3'), true, false],
    ['any edit of another issue (the board filter decides later)', updated([{ fieldId: 'labels' }]), false, false],
    ['a link event', { webhookEvent: 'issuelink_deleted', issueLink: {} }, false, false],
    ['a sprint event', { webhookEvent: 'sprint_closed', sprint: { id: 1 } }, false, false],
  ])('%s: stored without being applied = %s', (_, body, autoEscalate, expected) => {
    expect(decidesNothing(body, { serviceDeskProject: 'SUP', autoEscalate })).toBe(expected);
  });
});
