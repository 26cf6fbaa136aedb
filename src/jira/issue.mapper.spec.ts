import { describe, expect, it } from '@jest/globals';
import { type IssueJson, SPRINT_FIELD, toJiraIssue } from './issue.mapper.js';
import { JiraError } from './jira.errors.js';

const issue = (fields: IssueJson['fields']): IssueJson => ({ id: '10007', key: 'QAOPS-7', fields });

describe('an issue as Jira sends it, read as a JiraIssue', () => {
  it('reads the fields the service asks for', () => {
    const read = toJiraIssue(
      issue({
        project: { key: 'QAOPS' },
        issuetype: { name: 'Bug' },
        summary: 'Checkout fails',
        description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Steps' }] }] },
        status: { id: '10001', name: 'Ready', statusCategory: { key: 'new' } },
        assignee: { accountId: 'acc-1' },
        labels: ['3rd-line'],
        priority: { name: 'High' },
        resolution: null,
        issuelinks: [{ id: '5', type: { name: 'Relates' }, outwardIssue: { key: 'SUP-1' } }],
        [SPRINT_FIELD]: [{ id: 3 }],
      }),
    );
    expect(read).toMatchObject({
      id: '10007',
      key: 'QAOPS-7',
      projectKey: 'QAOPS',
      issueType: 'Bug',
      summary: 'Checkout fails',
      description: 'Steps',
      statusId: '10001',
      statusName: 'Ready',
      statusCategory: 'new',
      assignee: 'acc-1',
      labels: ['3rd-line'],
      priority: 'High',
      resolution: null,
      links: [{ id: '5', type: 'Relates', otherKey: 'SUP-1', otherIsInward: false }],
      sprintIds: [3],
    });
  });

  it.each<[string, IssueJson['fields'], Record<string, unknown>]>([
    [
      'no fields at all: empty values, the project from the key',
      undefined,
      { projectKey: 'QAOPS', summary: '', statusId: '', assignee: null, labels: [], links: [] },
    ],
    ['an unassigned issue (assignee null)', { assignee: null, priority: null }, { assignee: null, priority: null }],
    ['the agile API: description as text', { description: 'as written' }, { description: 'as written' }],
    ['legacy sprint strings and sprints without an id', { [SPRINT_FIELD]: ['x.Sprint@1[id=197,rapidViewId=1]', { name: 'no id' }] }, { sprintIds: [197] }],
    [
      'a link without the other issue or its own id is left out',
      { issuelinks: [{ id: '1', type: { name: 'Blocks' } }, { outwardIssue: { key: 'SUP-2' } }] },
      { links: [] },
    ],
    [
      'an inward link',
      { issuelinks: [{ id: '2', type: { name: 'Blocks' }, inwardIssue: { key: 'QA-1' } }] },
      { links: [{ id: '2', type: 'Blocks', otherKey: 'QA-1', otherIsInward: true }] },
    ],
  ])('%s', (_, fields, expected) => {
    expect(toJiraIssue(issue(fields))).toMatchObject(expected);
  });

  it.each<[string, IssueJson]>([
    ['no key', { id: '1', fields: {} }],
    ['no id', { key: 'QAOPS-1', fields: {} }],
  ])('an issue with %s is Jira failing to say which issue it is', (_, raw) => {
    expect(() => toJiraIssue(raw)).toThrow(JiraError);
  });
});
