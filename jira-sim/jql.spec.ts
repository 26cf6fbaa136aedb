import { describe, expect, it } from '@jest/globals';
import { JqlError, compileJql, matchesJql, orderBy, searchJql, type JqlContext, type JqlIssue } from './jql';
import { STATUS } from './world/site';

function issue(key: string, rankIndex: number, overrides: Partial<JqlIssue> = {}): JqlIssue {
  return {
    id: String(10000 + rankIndex),
    key,
    projectKey: key.slice(0, key.indexOf('-')),
    projectId: key.startsWith('QA') ? '100' : '200',
    projectName: key.startsWith('QA') ? 'QA Operations' : 'Support',
    status: { id: STATUS.triage, name: 'Triage', category: 'new' },
    issueType: { id: '10001', name: 'Bug' },
    priority: { id: '3', name: 'Medium' },
    labels: [],
    assignee: null,
    reporter: 'rep',
    resolution: null,
    sprints: [],
    summary: `Summary of ${key}`,
    rankIndex,
    created: 1000 + rankIndex,
    updated: 1000 + rankIndex,
    fields: {},
    ...overrides,
  };
}

const ISSUES: JqlIssue[] = [
  issue('QA-1', 2, { labels: ['3rd-line'], assignee: 'dev-1', sprints: [{ id: 8, name: 'Sprint 8', state: 'active' }] }),
  issue('QA-2', 0, { labels: ['3rd-line', 'wip-violation'], status: { id: STATUS.inProgress, name: 'In Progress', category: 'indeterminate' } }),
  issue('QA-3', 1, {
    status: { id: STATUS.done, name: 'Done', category: 'done' },
    resolution: { id: '10000', name: 'Done' },
    sprints: [{ id: 7, name: 'Sprint 7', state: 'closed' }],
    issueType: { id: '10002', name: 'Task' },
  }),
  issue('QA-10', 3, { assignee: 'dev-2', sprints: [{ id: 9, name: 'Sprint 9', state: 'future' }], fields: { customfield_10050: { value: 'PROD' } } }),
  issue('SUP-1', 4, { issueType: { id: '10003', name: 'Service Request' }, fields: { customfield_10050: 'UAT' } }),
];

const ctx: JqlContext = { currentUser: 'dev-1' };
const keys = (jql: string): string[] => searchJql(jql, ISSUES, ctx).map((i) => i.key);

describe('the JQL subset', () => {
  it.each<[string, string[]]>([
    ['project = QA', ['QA-2', 'QA-3', 'QA-1', 'QA-10']],
    ['project = "QA Operations"', ['QA-2', 'QA-3', 'QA-1', 'QA-10']],
    ['PROJECT = qa AND labels = 3rd-line', ['QA-2', 'QA-1']],
    ['project in (QA, SUP) and status = Triage', ['QA-1', 'QA-10', 'SUP-1']],
    ['status = 3', ['QA-2']],
    ['status in ("In Progress", Done)', ['QA-2', 'QA-3']],
    ['status != Triage', ['QA-2', 'QA-3']],
    ['status not in (Triage, 3)', ['QA-3']],
    ['statusCategory = done', ['QA-3']],
    ['statusCategory = "In Progress"', ['QA-2']],
    ['statusCategory != Done', ['QA-2', 'QA-1', 'QA-10', 'SUP-1']],
    ['key = QA-10', ['QA-10']],
    ['issuekey in (QA-1, SUP-1)', ['QA-1', 'SUP-1']],
    ['id = 10001', ['QA-3']],
    ['labels is EMPTY', ['QA-3', 'QA-10', 'SUP-1']],
    ['labels is not empty', ['QA-2', 'QA-1']],
    ['labels != wip-violation', ['QA-1']],
    ['labels not in (wip-violation) OR labels is EMPTY', ['QA-3', 'QA-1', 'QA-10', 'SUP-1']],
    ['assignee = currentUser()', ['QA-1']],
    ['assignee is EMPTY', ['QA-2', 'QA-3', 'SUP-1']],
    ['assignee != dev-1', ['QA-10']],
    ['assignee in (dev-1, EMPTY)', ['QA-2', 'QA-3', 'QA-1', 'SUP-1']],
    ['sprint = 8', ['QA-1']],
    ['sprint = "Sprint 7"', ['QA-3']],
    ['sprint in openSprints()', ['QA-1', 'QA-10']],
    ['sprint in closedSprints()', ['QA-3']],
    ['sprint in futureSprints()', ['QA-10']],
    ['sprint is EMPTY', ['QA-2', 'SUP-1']],
    ['issuetype = Task', ['QA-3']],
    ['type in (Bug, "Service Request")', ['QA-2', 'QA-1', 'QA-10', 'SUP-1']],
    ['resolution is EMPTY AND project = QA', ['QA-2', 'QA-1', 'QA-10']],
    ['cf[10050] = PROD', ['QA-10']],
    ['customfield_10050 in (UAT, PROD)', ['QA-10', 'SUP-1']],
    ['summary ~ "of QA-1"', ['QA-1', 'QA-10']],
    ['(labels = 3rd-line OR assignee = dev-2) AND NOT status = 3', ['QA-1', 'QA-10']],
    ['project = QA ORDER BY Rank DESC', ['QA-10', 'QA-1', 'QA-3', 'QA-2']],
    ['project = QA ORDER BY key ASC', ['QA-1', 'QA-2', 'QA-3', 'QA-10']],
    ['project = QA order by key desc', ['QA-10', 'QA-3', 'QA-2', 'QA-1']],
    ['ORDER BY created DESC', ['SUP-1', 'QA-10', 'QA-1', 'QA-3', 'QA-2']],
    ['', ['QA-2', 'QA-3', 'QA-1', 'QA-10', 'SUP-1']],
  ])('%s selects %j', (jql, expected) => {
    expect(keys(jql)).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ['project = ', /Expecting a value but got '<EOF>'/],
    ['project = QA AND', /Expecting a field name/],
    ['status = Waiting deploy', /Expecting either 'OR' or 'AND' but got 'deploy'/],
    ['status = In Progress', /The word 'In' is a reserved JQL word/],
    ['colour = red', /Field 'colour' does not exist/],
    ['status > 3', /operator '>' is not supported/],
    ['labels ~ x', /operator '~' is not supported by the 'labels' field/],
    ['sprint in madeUp()', /Unable to find JQL function 'madeUp\(\)'/],
    ['project = QA ORDER BY colour', /Not able to sort using field 'colour'/],
    ['project in (QA, SUP', /Expecting '\)'/],
    ['summary ~ "unterminated', /has not been completed/],
  ])('rejects %j with a message naming the problem', (jql, message) => {
    expect(() => searchJql(jql, ISSUES, ctx)).toThrow(JqlError);
    expect(() => searchJql(jql, ISSUES, ctx)).toThrow(message);
  });

  it('reports values that do not exist through the valueExists hook, as Jira does', () => {
    const strict: JqlContext = { valueExists: (field, value) => field !== 'project' || value === 'QA' };
    expect(() => compileJql('project = NOPE', strict)).toThrow("The value 'NOPE' does not exist for the field 'project'.");
    expect(() => compileJql('project = QA', strict)).not.toThrow();
  });

  it('matches a single issue and orders a list without filtering it', () => {
    expect(matchesJql('labels = 3rd-line AND assignee = dev-1', ISSUES[0] as JqlIssue, ctx)).toBe(true);
    expect(matchesJql('labels = 3rd-line AND assignee = dev-2', ISSUES[0] as JqlIssue, ctx)).toBe(false);
    expect(orderBy('ORDER BY rank', ISSUES).map((i) => i.key)).toEqual(['QA-2', 'QA-3', 'QA-1', 'QA-10', 'SUP-1']);
  });
});
