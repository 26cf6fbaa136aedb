import { describe, expect, it } from '@jest/globals';
import { AtlassianDocuments } from './atlassian-documents';
import { documentedExpandValues } from './expand-values';
import { checkRequest, type FindingKind } from './request-check';

const docs = AtlassianDocuments.load();
const check = (method: string, url: string, body?: unknown) => {
  const u = new URL(url, 'http://jira');
  return checkRequest({ method, path: u.pathname, query: u.searchParams, body });
};
const kinds = (method: string, url: string, body?: unknown): FindingKind[] => check(method, url, body).findings.map((f) => f.kind);

describe('the documented expand values of an operation, read from its prose', () => {
  it.each([
    ['getComments', ['renderedBody']],
    ['addComment', ['renderedBody']],
    ['getCommentsByIds', ['renderedBody', 'properties']],
    ['getIssue', ['renderedFields', 'names', 'schema', 'transitions', 'editmeta', 'changelog', 'versionedRepresentations']],
    ['getTransitions', ['transitions.fields']],
    ['getCurrentUser', ['groups', 'applicationRoles']],
    ['getFilter', ['sharedUsers', 'subscriptions']],
    [
      'searchAndReconsileIssuesUsingJql',
      ['renderedFields', 'names', 'schema', 'transitions', 'operations', 'editmeta', 'changelog', 'versionedRepresentations'],
    ],
    ['getIssueWorklog', ['properties']],
    ['getWorklog', ['properties']],
    ['getAllBoards', ['admins', 'permissions']],
    ['searchPriorities', ['schemes']],
    ['getPrioritySchemes', ['priorities', 'projects']],
    ['editIssue', ['renderedFields', 'names', 'schema', 'transitions', 'editmeta', 'changelog', 'versionedRepresentations']],
    ['getIssuesForBoard', []],
  ])('%s documents %j', (operationId, values) => {
    expect(docs.operation(operationId)?.expandValues).toEqual(values);
  });

  it('an operation without an expand parameter has none; prose without values gives none', () => {
    expect(docs.operation('assignIssue')?.expandValues).toBeNull();
    expect(documentedExpandValues('Use expand to include more.')).toEqual([]);
  });
});

describe('a request matched to its documented operation', () => {
  it.each([
    ['GET', '/rest/api/3/issue/QAOPS-1', 'getIssue'],
    ['GET', '/rest/api/3/issue/QAOPS-1/comment', 'getComments'],
    ['POST', '/rest/api/3/comment/list', 'getCommentsByIds'],
    ['GET', '/rest/api/3/comment/10001/properties/support-flow-orchestrator', 'getCommentProperty'],
    ['GET', '/rest/api/3/issue/picker', 'getIssuePickerResource'],
    ['POST', '/rest/api/3/search/jql', 'searchAndReconsileIssuesUsingJqlPost'],
    ['GET', '/rest/agile/1.0/board/1/configuration', 'getConfiguration'],
    ['GET', '/rest/agile/1.0/epic/none/issue', 'getIssuesWithoutEpic'],
    ['POST', '/rest/agile/1.0/sprint/10/issue', 'moveIssuesToSprintAndRank'],
  ])('%s %s is %s', (method, path, operationId) => {
    expect(check(method, path).operation?.operationId).toBe(operationId);
  });

  it('an undocumented path, and a documented path with another method, are findings with no operation', () => {
    expect(check('GET', '/rest/api/3/issue/QAOPS-1/secret-notes')).toMatchObject({ operation: null, findings: [{ kind: 'undocumented_operation' }] });
    expect(check('PATCH', '/rest/api/3/issue/QAOPS-1')).toMatchObject({ operation: null, findings: [{ kind: 'undocumented_method' }] });
  });

  it('the most specific documented path decides: a documented path with another method is 405, not a broader template', () => {
    expect(check('DELETE', '/rest/api/3/issue/picker')).toMatchObject({ operation: null, findings: [{ kind: 'undocumented_method' }] });
    expect(check('GET', '/rest/api/3/issue/QAOPS-%E0%A4%A')).toMatchObject({ operation: null, findings: [{ kind: 'undocumented_operation' }] });
  });

  it('the old search is deprecated', () => {
    expect(kinds('POST', '/rest/api/3/search', { jql: 'project = QAOPS' })).toEqual(['deprecated']);
  });
});

describe('what a request asks for beyond the documents', () => {
  it('the comment list with expand=properties: the value is undocumented and left out of the query', () => {
    const r = check('GET', '/rest/api/3/issue/QAOPS-1/comment?startAt=0&maxResults=100&expand=properties');
    expect(r.findings.map((f) => f.kind)).toEqual(['undocumented_expand']);
    expect(r.query.toString()).toBe('startAt=0&maxResults=100');
  });

  it('comment/list with expand=properties is documented and kept', () => {
    const r = check('POST', '/rest/api/3/comment/list?expand=properties', { ids: [10001, 10002] });
    expect(r.findings).toEqual([]);
    expect(r.query.get('expand')).toBe('properties');
  });

  it('an undocumented query parameter is a finding and is left out', () => {
    const r = check('GET', '/rest/api/3/issue/QAOPS-1?fields=summary&withSecrets=true');
    expect(r.findings).toEqual([{ kind: 'undocumented_parameter', detail: expect.stringContaining("'withSecrets'") }]);
    expect([...r.query.keys()]).toEqual(['fields']);
  });

  it('a parameter of the wrong type is invalid', () => {
    expect(kinds('GET', '/rest/api/3/issue/QAOPS-1/comment?maxResults=many')).toEqual(['invalid_parameter']);
    expect(kinds('GET', '/rest/agile/1.0/board/one/configuration')).toEqual(['invalid_parameter']);
  });
});

describe('request bodies against their documented schema', () => {
  it.each<[string, string, unknown]>([
    [
      'a comment with properties',
      '/rest/api/3/issue/QAOPS-1/comment',
      { body: { type: 'doc', version: 1, content: [] }, properties: [{ key: 'k', value: { a: 1 } }] },
    ],
    ['a transition with a resolution', '/rest/api/3/issue/QAOPS-1/transitions', { transition: { id: '13' }, fields: { resolution: { name: 'Done' } } }],
    [
      'a create with a link and a property',
      '/rest/api/3/issue',
      {
        fields: { project: { key: 'QAOPS' }, issuetype: { name: 'Bug' }, summary: 'Crash', labels: ['3rd-line'] },
        update: { issuelinks: [{ add: { type: { name: 'Relates' }, outwardIssue: { key: 'SUP-1' } } }] },
        properties: [{ key: 'support-flow-orchestrator', value: { escalationOf: 'SUP-1' } }],
      },
    ],
    ['an issue link', '/rest/api/3/issueLink', { type: { name: 'Relates' }, inwardIssue: { key: 'QAOPS-1' }, outwardIssue: { key: 'SUP-1' } }],
  ])('%s is valid', (_, path, body) => {
    expect(check('POST', path, body).findings).toEqual([]);
  });

  it.each<[string, string, string, unknown, string]>([
    [
      'a comment whose properties are not a list',
      'POST',
      '/rest/api/3/issue/QAOPS-1/comment',
      { body: 'x', properties: { k: 1 } },
      'body/properties must be array',
    ],
    ['a transition without its id object', 'POST', '/rest/api/3/issue/QAOPS-1/transitions', { transition: '13' }, 'body/transition must be object'],
    ['comment/list without ids', 'POST', '/rest/api/3/comment/list', {}, "body must have required property 'ids'"],
    ['a sprint move with issues as a string', 'POST', '/rest/agile/1.0/sprint/10/issue', { issues: 'QAOPS-1' }, 'body/issues must be array'],
    ['a search with maxResults as text', 'POST', '/rest/api/3/search/jql', { jql: 'project = QAOPS', maxResults: 'ten' }, 'body/maxResults must be integer'],
  ])('%s is invalid', (_, method, path, body, message) => {
    const r = check(method, path, body);
    expect(r.findings.map((f) => f.kind)).toContain('invalid_body');
    expect(r.findings.map((f) => f.detail)).toContain(message);
  });

  it('a required body that is missing is invalid', () => {
    expect(kinds('POST', '/rest/api/3/issueLink')).toEqual(['invalid_body']);
  });
});
