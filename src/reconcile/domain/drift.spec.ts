import { describe, expect, it } from '@jest/globals';
import type { JiraIssue } from '../../jira/jira.types.js';
import { driftOf, type KnownTicket } from './drift.js';

const known: KnownTicket = {
  statusId: '3',
  assignee: 'dev',
  labels: ['a', 'b'],
  links: [{ type: 'Relates', otherKey: 'SUP-1' }],
  sprintIds: [10],
  summary: 's',
  priority: 'Medium',
};
const jira = (patch: Partial<JiraIssue> = {}): JiraIssue => ({
  id: '1',
  key: 'Q-1',
  projectKey: 'Q',
  issueType: 'Bug',
  summary: 's',
  description: '',
  statusId: '3',
  statusName: 'In Progress',
  statusCategory: 'indeterminate',
  assignee: 'dev',
  labels: ['b', 'a'],
  priority: 'Medium',
  resolution: null,
  links: [{ id: '9', type: 'Relates', otherKey: 'SUP-1', otherIsInward: false }],
  sprintIds: [10],
  fields: {},
  ...patch,
});

describe('drift between the service and Jira', () => {
  it.each<[string, KnownTicket | null, JiraIssue, string[]]>([
    ['nothing when they agree (order of labels and links does not matter)', known, jira(), []],
    ['an untracked ticket', null, jira(), ['untracked']],
    ['a missed status change', known, jira({ statusId: '10002' }), ['status']],
    ['a missed assignment', known, jira({ assignee: null }), ['assignee']],
    ['a missed label', known, jira({ labels: ['a'] }), ['labels']],
    ['a removed link', known, jira({ links: [] }), ['links']],
    ['a sprint change', known, jira({ sprintIds: [10, 11] }), ['sprint']],
    ['several at once', known, jira({ statusId: '1', summary: 't', priority: 'High' }), ['status', 'summary', 'priority']],
  ])('finds %s', (_, k, j, expected) => {
    expect(driftOf(k, j)).toEqual(expected);
  });
});
