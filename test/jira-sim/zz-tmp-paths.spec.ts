import { it } from '@jest/globals';
import { AgileClient, ServiceDeskClient, Version3Client } from 'jira.js';
import { transitionIdFor } from './issue-routes';
import { API_TOKEN, EMAIL, STATUS, createWorld } from './sim-fixture';
import { textToAdf } from './adf';
import { writeFileSync } from 'node:fs';

it('prints paths', async () => {
  const sim = createWorld();
  await sim.start();
  const auth = { basic: { email: EMAIL, apiToken: API_TOKEN } };
  const v3 = new Version3Client({ host: sim.baseUrl, authentication: auth });
  const agile = new AgileClient({ host: sim.baseUrl, authentication: auth });
  const desk = new ServiceDeskClient({ host: sim.baseUrl, authentication: auth });
  const calls: [string, () => Promise<unknown>][] = [
    ['v3.myself.getCurrentUser', () => v3.myself.getCurrentUser()],
    ['v3.serverInfo.getServerInfo', () => v3.serverInfo.getServerInfo()],
    ['v3.projects.getProject', () => v3.projects.getProject({ projectIdOrKey: 'QA' })],
    ['v3.filters.getFilter', () => v3.filters.getFilter({ id: 10000 })],
    ['agile.board.getBoard', () => agile.board.getBoard({ boardId: 1 })],
    ['agile.board.getConfiguration', () => agile.board.getConfiguration({ boardId: 1 })],
    ['agile.board.getAllSprints', () => agile.board.getAllSprints({ boardId: 2, state: 'active' })],
    ['agile.board.getIssuesForBoard', () => agile.board.getIssuesForBoard({ boardId: 1, jql: 'status = 10001', fields: ['summary'] })],
    ['agile.sprint.getSprint', () => agile.sprint.getSprint({ sprintId: 8 })],
    ['agile.sprint.getIssuesForSprint', () => agile.sprint.getIssuesForSprint({ sprintId: 8 })],
    ['agile.sprint.moveIssuesToSprintAndRank', () => agile.sprint.moveIssuesToSprintAndRank({ sprintId: 8, issues: ['QA-1'] })],
    ['agile.backlog.moveIssuesToBacklog', () => agile.backlog.moveIssuesToBacklog({ issues: ['QA-1'] })],
    ['agile.issue.rankIssues', () => agile.issue.rankIssues({ issues: ['QA-2'], rankBeforeIssue: 'QA-1' })],
    ['v3.issues.getIssue', () => v3.issues.getIssue({ issueIdOrKey: 'QA-1', fields: ['summary'] })],
    ['v3.issues.editIssue', () => v3.issues.editIssue({ issueIdOrKey: 'QA-1', fields: { labels: ['a'] } })],
    ['v3.issues.getTransitions', () => v3.issues.getTransitions({ issueIdOrKey: 'QA-1' })],
    ['v3.issues.doTransition', () => v3.issues.doTransition({ issueIdOrKey: 'QA-1', transition: { id: transitionIdFor(STATUS.inProgress) } })],
    ['v3.issues.assignIssue', () => v3.issues.assignIssue({ issueIdOrKey: 'QA-1', accountId: 'dev-1' })],
    ['v3.issues.getChangeLogs', () => v3.issues.getChangeLogs({ issueIdOrKey: 'QA-1' })],
    ['v3.issueComments.getComments', () => v3.issueComments.getComments({ issueIdOrKey: 'QA-1', expand: 'properties' })],
    ['v3.issueComments.addComment', () => v3.issueComments.addComment({ issueIdOrKey: 'QA-1', comment: textToAdf('x') })],
    ['desk.request.getCustomerRequestByIdOrKey', () => desk.request.getCustomerRequestByIdOrKey({ issueIdOrKey: 'SUP-1' })],
    ['desk.request.getRequestComments', () => desk.request.getRequestComments({ issueIdOrKey: 'SUP-1' })],
    ['desk.request.createRequestComment', () => desk.request.createRequestComment({ issueIdOrKey: 'SUP-1', body: 'n', public: false })],
    ['desk.serviceDesk.getServiceDesks', () => desk.serviceDesk.getServiceDesks()],
    ['v3.issueLinks.linkIssues', () => v3.issueLinks.linkIssues({ type: { name: 'Relates' }, inwardIssue: { key: 'QA-1' }, outwardIssue: { key: 'SUP-1' } })],
    ['v3.issueLinks.deleteIssueLink', () => v3.issueLinks.deleteIssueLink({ linkId: '10000' })],
    ['v3.issueLinkTypes.getIssueLinkTypes', () => v3.issueLinkTypes.getIssueLinkTypes()],
    ['v3.issues.createIssue', () => v3.issues.createIssue({ fields: { project: { key: 'QA' }, issuetype: { name: 'Bug' }, summary: 's' } })],
    ['v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost', () => v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'project = QA', maxResults: 2 })],
    ['v3.issueSearch.searchForIssuesUsingJqlEnhancedSearch', () => v3.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = QA', fields: ['summary', 'status'] })],
    ['v3.issueSearch.searchForIssuesUsingJqlPost (old)', () => v3.issueSearch.searchForIssuesUsingJqlPost({ jql: 'project = QA' })],
  ];
  const out: string[] = [];
  for (const [name, call] of calls) {
    let result = 'ok';
    try { await call(); } catch (e) { result = `ERR ${(e as { status?: number }).status}`; }
    const r = sim.requests.at(-1)!;
    out.push(`${name} -> ${r.method} ${r.path}${Object.keys(r.query).length ? '?' + new URLSearchParams(r.query).toString() : ''} => ${r.status} ${result}`);
  }
  writeFileSync('/tmp/jsim-paths.txt', out.join('\n'));
  await sim.stop();
});
