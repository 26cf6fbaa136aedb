import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { AgileClient, ServiceDeskClient, Version3Client } from 'jira.js';
import { isAdfDoc, textToAdf } from './adf';
import { transitionIdFor } from './issue-routes';
import type { JiraSimulator } from './jira-simulator';
import { API_TOKEN, createWorld, data, EMAIL, failure, SECRET, SERVICE_ACCOUNT, STATUS } from './sim-fixture';
import { WebhookReceiver } from './webhook-receiver';

const auth = { basic: { email: EMAIL, apiToken: API_TOKEN } };
const basic = { authorization: `Basic ${Buffer.from(`${EMAIL}:${API_TOKEN}`).toString('base64')}` };

describe('the Jira simulator, driven through jira.js', () => {
  const receiver = new WebhookReceiver();
  let webhookUrl: string;
  let sim: JiraSimulator;
  let v3: Version3Client;
  let agile: AgileClient;
  let desk: ServiceDeskClient;

  beforeAll(async () => {
    webhookUrl = await receiver.start();
  });

  afterAll(async () => {
    await receiver.stop();
  });

  beforeEach(async () => {
    receiver.clear();
    sim = createWorld({ webhookUrl });
    await sim.start();
    v3 = new Version3Client({ host: sim.baseUrl, authentication: auth });
    agile = new AgileClient({ host: sim.baseUrl, authentication: auth });
    desk = new ServiceDeskClient({ host: sim.baseUrl, authentication: auth });
  });

  afterEach(async () => {
    await sim.stop();
    // every answer of every case below matched the response Atlassian documents for it
    expect(sim.responseProblems()).toEqual([]);
  });

  const hooks = async (event?: string): Promise<Record<string, unknown>[]> => {
    await sim.idle();
    return receiver.bodies(event);
  };

  describe('authentication and site', () => {
    it('refuses a wrong API token with 401 and errorMessages', async () => {
      const intruder = new Version3Client({ host: sim.baseUrl, authentication: { basic: { email: EMAIL, apiToken: 'wrong' } } });
      const error = await failure(intruder.myself.getCurrentUser());
      expect(error.status).toBe(401);
      expect(data(error).errorMessages).toEqual(['Client must be authenticated to access this resource.']);
    });

    it('answers myself with the service account and serverInfo as a Cloud site', async () => {
      const me = await v3.myself.getCurrentUser();
      expect(me).toMatchObject({ accountId: SERVICE_ACCOUNT, emailAddress: EMAIL, active: true });
      const info = await v3.serverInfo.getServerInfo();
      expect(info).toMatchObject({ baseUrl: sim.baseUrl, version: '1001.0.0-SNAPSHOT', deploymentType: 'Cloud' });
    });

    it('reads a project and lists the service desks', async () => {
      expect(await v3.projects.getProject({ projectIdOrKey: 'SUP' })).toMatchObject({ id: '10200', key: 'SUP', projectTypeKey: 'service_desk' });
      const desks = await desk.serviceDesk.getServiceDesks();
      expect(desks.values).toEqual([expect.objectContaining({ id: '1', projectId: '10200', projectKey: 'SUP', projectName: 'Customer Support' })]);
    });

    it('answers 404 for a path no Atlassian document has, and 405 for a documented path with another method', async () => {
      const response = await fetch(`${sim.baseUrl}/rest/api/3/issue/QAOPS-1/secret-notes`, { headers: basic });
      expect(response.status).toBe(404);
      expect(sim.requests.at(-1)).toMatchObject({ operationId: null, findings: [{ kind: 'undocumented_operation' }] });
      expect((await fetch(`${sim.baseUrl}/rest/api/3/issue/QAOPS-1`, { method: 'PATCH', headers: basic })).status).toBe(405);
    });

    it('answers 501 for a documented operation it does not model, and records it as unhandled', async () => {
      const error = await failure(v3.labels.getAllLabels());
      expect(error.status).toBe(501);
      expect(sim.requests.at(-1)).toMatchObject({ method: 'GET', path: '/rest/api/3/label', status: 501, unhandled: true, operationId: 'getAllLabels' });
    });

    it('ignores a query parameter the operation does not document, and records it', async () => {
      const response = await fetch(`${sim.baseUrl}/rest/api/3/issue/QAOPS-1?fields=summary&includeSecrets=true`, { headers: basic });
      expect(response.status).toBe(200);
      expect(sim.requests.at(-1)?.findings).toEqual([{ kind: 'undocumented_parameter', detail: expect.stringContaining("'includeSecrets'") }]);
    });

    it("refuses a body its schema does not allow with 400 in Jira's shape, and changes nothing", async () => {
      const error = await failure(v3.issues.doTransition({ issueIdOrKey: 'QAOPS-1', transition: transitionIdFor(STATUS.inProgress) as never }));
      expect(error.status).toBe(400);
      expect(data(error)).toEqual({
        errorMessages: ['Invalid request payload. Refer to the REST API documentation and try again.', 'body/transition must be object'],
        errors: {},
      });
      expect(sim.issue('QAOPS-1')?.statusId).toBe(STATUS.ready);
      expect(await hooks()).toEqual([]);
    });
  });

  describe('boards and sprints', () => {
    it('serves the board configuration with the statuses of each column', async () => {
      const config = await agile.board.getConfiguration({ boardId: 1 });
      expect(config.columnConfig?.columns?.map((c) => [c.name, c.statuses?.map((s) => s.id)])).toEqual([
        ['Triage', [STATUS.triage]],
        ['Ready for sprint', [STATUS.ready]],
      ]);
      const sprintWork = await agile.board.getConfiguration({ boardId: 2 });
      expect(sprintWork.columnConfig?.columns?.map((c) => [c.name, c.statuses?.map((s) => s.id)])).toEqual([
        ['To Do', [STATUS.toDo]],
        ['In Progress', [STATUS.inProgress]],
        ['In Review', [STATUS.inReview]],
        ['Done', [STATUS.done]],
      ]);
      expect(config).toMatchObject({ id: 1, name: 'QA/Operations', filter: { id: expect.any(String) }, ranking: { rankCustomFieldId: 10019 } });
      expect(await agile.board.getBoard({ boardId: 2 })).toMatchObject({ id: 2, name: 'Sprint Work', type: 'scrum' });
      expect((await failure(agile.board.getConfiguration({ boardId: 99 }))).status).toBe(404);
    });

    it('lists the active sprint, and several states given as a comma list', async () => {
      const active = await agile.board.getAllSprints({ boardId: 2, state: 'active' });
      expect(active).toMatchObject({ startAt: 0, isLast: true, values: [{ id: 8, state: 'active', name: 'Sprint 8', originBoardId: 2 }] });
      const open = await agile.board.getAllSprints({ boardId: 2, state: 'future,active' });
      expect(open.values.map((s) => s.id)).toEqual([8, 9]);
    });

    it('lists board issues of the board filter and the extra jql, in rank order', async () => {
      const ready = await agile.board.getIssuesForBoard({ boardId: 1, jql: `status = ${STATUS.ready}` });
      expect(ready).toMatchObject({ startAt: 0, maxResults: 50, total: 2 });
      expect(ready.issues?.map((i) => i.key)).toEqual(['QAOPS-1', 'QAOPS-2']);
      sim.rank('QAOPS-2', { top: true }, 'dev-1');
      const reranked = await agile.board.getIssuesForBoard({ boardId: 1, jql: `status = ${STATUS.ready}`, fields: ['summary'] });
      expect(reranked.issues?.map((i) => i.key)).toEqual(['QAOPS-2', 'QAOPS-1']);
      expect(Object.keys(reranked.issues?.[0]?.fields ?? {})).toEqual(['summary']);
    });

    it('lists only issues whose status is mapped to one of the board’s columns', async () => {
      const all = await agile.board.getIssuesForBoard({ boardId: 1 });
      expect(all.issues?.map((i) => i.key)).toEqual(['QAOPS-1', 'QAOPS-2', 'QAOPS-3']);
      expect((await agile.board.getIssuesForBoard({ boardId: 2, jql: 'key = QAOPS-1' })).issues).toEqual([]); // Ready is on no Sprint Work column
      sim.transition('QAOPS-1', STATUS.inProgress, 'dev-1');
      const after = await agile.board.getIssuesForBoard({ boardId: 1, jql: `status in (${STATUS.ready}) OR key = QAOPS-1` });
      expect(after.issues?.map((i) => i.key)).toEqual(['QAOPS-2']);
      const onSprintWork = await agile.board.getIssuesForBoard({ boardId: 2, jql: 'key = QAOPS-1' });
      expect(onSprintWork.issues?.map((i) => i.key)).toEqual(['QAOPS-1']);
    });

    it('serves at most 50 board issues per page, whatever maxResults asks', async () => {
      for (let i = 0; i < 60; i++) sim.seedIssue({ key: `QAOPS-${100 + i}`, summary: `filler ${i}`, statusId: STATUS.ready, labels: ['3rd-line'] });
      const page = await agile.board.getIssuesForBoard({ boardId: 1, maxResults: 100 });
      expect(page).toMatchObject({ maxResults: 50, total: 63 });
      expect(page.issues).toHaveLength(50);
    });

    it('names the Rank field in the board configuration', async () => {
      expect((await agile.board.getConfiguration({ boardId: 1 })).ranking).toEqual({ rankCustomFieldId: 10019 });
    });

    it('pages board issues with startAt and maxResults', async () => {
      const page = await agile.board.getIssuesForBoard({ boardId: 1, startAt: 1, maxResults: 2 });
      expect(page.total).toBe(3);
      expect(page.issues?.map((i) => i.key)).toEqual(['QAOPS-2', 'QAOPS-3']);
    });

    it('serves a sprint, its issues, the board filter, backlog moves and ranking through the Agile API', async () => {
      expect(await agile.sprint.getSprint({ sprintId: 8 })).toMatchObject({ id: 8, state: 'active', originBoardId: 2 });
      const inSprint = await agile.sprint.getIssuesForSprint({ sprintId: 8 });
      expect(inSprint.issues?.map((i) => [i.key, (i.fields as { sprint?: { id: number } }).sprint?.id])).toEqual([['QAOPS-4', 8]]);
      const config = await agile.board.getConfiguration({ boardId: 1 });
      const filter = await v3.filters.getFilter({ id: Number(config.filter?.id) });
      expect(filter.jql).toBe('project = QAOPS AND labels = 3rd-line ORDER BY Rank ASC');
      await agile.backlog.moveIssuesToBacklog({ issues: ['QAOPS-4'] });
      expect(sim.issue('QAOPS-4')?.sprintId).toBeNull();
      await agile.issue.rankIssues({ issues: ['QAOPS-3', 'QAOPS-2'], rankBeforeIssue: 'QAOPS-1' });
      expect(sim.rankOrder()).toEqual(['QAOPS-3', 'QAOPS-2', 'QAOPS-1', 'QAOPS-4', 'SUP-1']);
      const request = await desk.request.getCustomerRequestByIdOrKey({ issueIdOrKey: 'SUP-1' });
      expect(request).toMatchObject({ issueKey: 'SUP-1', serviceDeskId: '1', currentStatus: { status: 'Waiting for support' } });
    });

    it('moves issues into a sprint and emits a Sprint changelog item by the service account', async () => {
      await agile.sprint.moveIssuesToSprintAndRank({ sprintId: 8, issues: ['QAOPS-1'] });
      expect(sim.issue('QAOPS-1')?.sprintId).toBe(8);
      const [hook] = await hooks('jira:issue_updated');
      expect(hook).toMatchObject({
        user: { accountId: SERVICE_ACCOUNT },
        issue: { key: 'QAOPS-1', fields: { customfield_10020: [{ id: 8, name: 'Sprint 8', state: 'active', boardId: 2 }] } },
        changelog: { items: [{ field: 'Sprint', fieldtype: 'custom', fieldId: 'customfield_10020', from: '', to: '8', toString: 'Sprint 8' }] },
      });
      const closed = await failure(agile.sprint.moveIssuesToSprintAndRank({ sprintId: 7, issues: ['QAOPS-2'] }));
      expect(closed.status).toBe(400);
    });
  });

  describe('issues', () => {
    it('reads an issue with Jira Cloud field shapes', async () => {
      const issue = await v3.issues.getIssue({ issueIdOrKey: 'QAOPS-4' });
      expect(issue).toMatchObject({
        id: expect.stringMatching(/^\d+$/),
        key: 'QAOPS-4',
        self: `${sim.baseUrl}/rest/api/3/issue/${issue.id}`,
        fields: {
          summary: 'Sprint story',
          status: { id: STATUS.inProgress, name: 'In Progress', statusCategory: { key: 'indeterminate' } },
          issuetype: { name: 'Bug' },
          project: { id: '10100', key: 'QAOPS' },
          priority: { name: 'Medium', id: '3' },
          labels: [],
          assignee: { accountId: 'dev-1', displayName: 'Dana Dev' },
          reporter: { accountId: 'dev-2' },
          resolution: null,
          issuelinks: [],
          customfield_10020: [{ id: 8, name: 'Sprint 8', state: 'active', boardId: 2 }],
          customfield_10019: expect.stringMatching(/^0\|/),
        },
      });
      const withDescription = await v3.issues.getIssue({ issueIdOrKey: 'QAOPS-3' });
      expect(isAdfDoc(withDescription.fields.description)).toBe(true);
      expect((await v3.issues.getIssue({ issueIdOrKey: 'SUP-1' })).fields.customfield_10050).toEqual({ value: 'PROD' });
    });

    it('returns only the fields asked for', async () => {
      const issue = await v3.issues.getIssue({ issueIdOrKey: 'QAOPS-1', fields: ['summary', 'status'] });
      expect(Object.keys(issue.fields).sort()).toEqual(['status', 'summary']);
    });

    it('answers 404 with Jira’s message for an unknown issue', async () => {
      const error = await failure(v3.issues.getIssue({ issueIdOrKey: 'QAOPS-999' }));
      expect(error.status).toBe(404);
      expect(data(error)).toEqual({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
    });

    it('lists global transitions to every other status, with stable ids', async () => {
      const { transitions } = await v3.issues.getTransitions({ issueIdOrKey: 'QAOPS-1' });
      expect(transitions?.map((t) => t.to?.id)).toEqual([
        STATUS.waitingForSupport,
        STATUS.inProgress,
        STATUS.triage,
        STATUS.inReview,
        STATUS.done,
        STATUS.toDo,
      ]);
      expect(transitions?.find((t) => t.to?.id === STATUS.inProgress)).toMatchObject({
        id: transitionIdFor(STATUS.inProgress),
        name: 'In Progress',
        to: { statusCategory: { key: 'indeterminate' } },
      });
    });

    it('performs a transition and emits a signed status change webhook by the service account', async () => {
      await v3.issues.doTransition({ issueIdOrKey: 'QAOPS-1', transition: { id: transitionIdFor(STATUS.inProgress) } });
      expect(sim.issue('QAOPS-1')?.statusId).toBe(STATUS.inProgress);
      await sim.idle();
      const [delivery] = receiver.received;
      expect(WebhookReceiver.signatureValid(delivery!, SECRET)).toBe(true);
      expect(delivery?.body).toMatchObject({
        webhookEvent: 'jira:issue_updated',
        issue_event_type_name: 'issue_generic',
        user: { accountId: SERVICE_ACCOUNT },
        issue: { key: 'QAOPS-1', fields: { status: { id: STATUS.inProgress } } },
        changelog: {
          id: expect.any(String),
          items: [
            {
              field: 'status',
              fieldtype: 'jira',
              fieldId: 'status',
              from: STATUS.ready,
              fromString: 'Ready for sprint',
              to: STATUS.inProgress,
              toString: 'In Progress',
            },
          ],
        },
      });
    });

    it('sets the given resolution when transitioning to done', async () => {
      await v3.issues.doTransition({ issueIdOrKey: 'QAOPS-1', transition: { id: transitionIdFor(STATUS.done) }, fields: { resolution: { name: 'Fixed' } } });
      expect(sim.issue('QAOPS-1')).toMatchObject({ statusId: STATUS.done, resolution: 'Fixed' });
      const [hook] = await hooks('jira:issue_updated');
      const items = (hook?.changelog as { items: { fieldId: string; toString: string }[] }).items;
      expect(items.map((i) => [i.fieldId, i.toString])).toEqual([
        ['resolution', 'Fixed'],
        ['status', 'Done'],
      ]);
    });

    it('keeps the history of changes, served by expand=changelog and by the changelog endpoint', async () => {
      sim.transition('QAOPS-1', STATUS.inProgress, 'dev-1');
      await v3.issues.assignIssue({ issueIdOrKey: 'QAOPS-1', accountId: 'dev-1' });
      const issue = await v3.issues.getIssue({ issueIdOrKey: 'QAOPS-1', expand: 'changelog' });
      expect(issue.changelog?.histories?.map((h) => [h.author?.accountId, h.items?.[0]?.fieldId])).toEqual([
        ['dev-1', 'status'],
        [SERVICE_ACCOUNT, 'assignee'],
      ]);
      const page = await v3.issues.getChangeLogs({ issueIdOrKey: 'QAOPS-1', startAt: 1 });
      expect(page).toMatchObject({ startAt: 1, total: 2, isLast: true, values: [{ items: [{ field: 'assignee', to: 'dev-1' }] }] });
      const [transitionHook] = await hooks('jira:issue_updated');
      expect((transitionHook?.changelog as { id: string }).id).toBe(issue.changelog?.histories?.[0]?.id);
      expect(sim.changelog('QAOPS-1')).toHaveLength(2);
    });

    it('refuses an unknown transition id with 400 and changes nothing', async () => {
      const error = await failure(v3.issues.doTransition({ issueIdOrKey: 'QAOPS-1', transition: { id: '999' } }));
      expect(error.status).toBe(400);
      expect(data(error).errorMessages).toEqual(["Transition id '999' is not valid for this issue."]);
      expect(sim.issue('QAOPS-1')?.statusId).toBe(STATUS.ready);
      expect(await hooks()).toEqual([]);
    });

    it('assigns an issue, emitting issue_assigned; an accountId of null is refused as its schema says', async () => {
      await v3.issues.assignIssue({ issueIdOrKey: 'QAOPS-1', accountId: 'dev-2' });
      expect(sim.issue('QAOPS-1')?.assignee).toBe('dev-2');
      // the operation's prose says null unassigns, its schema (User.accountId) says string: the harsher reading
      expect((await failure(v3.issues.assignIssue({ issueIdOrKey: 'QAOPS-1', accountId: null }))).status).toBe(400);
      expect(sim.issue('QAOPS-1')?.assignee).toBe('dev-2');
      const updates = await hooks('jira:issue_updated');
      expect(updates.map((h) => h.issue_event_type_name)).toEqual(['issue_assigned']);
      expect(updates[0]).toMatchObject({ changelog: { items: [{ fieldId: 'assignee', from: null, to: 'dev-2', toString: 'Devon Dev' }] } });
      expect((await failure(v3.issues.assignIssue({ issueIdOrKey: 'QAOPS-1', accountId: 'nobody' }))).status).toBe(400);
    });

    it('edits labels through fields and through update operations', async () => {
      await v3.issues.editIssue({ issueIdOrKey: 'QAOPS-1', fields: { labels: ['3rd-line', 'wip-violation'] } });
      expect(sim.issue('QAOPS-1')?.labels).toEqual(['3rd-line', 'wip-violation']);
      await v3.issues.editIssue({ issueIdOrKey: 'QAOPS-1', update: { labels: [{ remove: 'wip-violation' }, { add: 'sla-downgraded' }] } });
      expect(sim.issue('QAOPS-1')?.labels).toEqual(['3rd-line', 'sla-downgraded']);
      const updates = await hooks('jira:issue_updated');
      expect(updates[0]).toMatchObject({
        changelog: { items: [{ field: 'labels', fieldId: 'labels', fromString: '3rd-line', toString: '3rd-line wip-violation' }] },
      });
      const bad = await failure(v3.issues.editIssue({ issueIdOrKey: 'QAOPS-1', fields: { labels: ['has space'] } }));
      expect(bad.status).toBe(400);
      expect(data(bad).errors).toEqual({ labels: "The label 'has space' contains spaces which is invalid." });
    });

    it('creates an issue in the first new status of the project and emits jira:issue_created', async () => {
      const created = await v3.issues.createIssue({
        fields: {
          project: { key: 'QAOPS' },
          issuetype: { name: 'Bug' },
          summary: 'Escalated: client cannot log in',
          description: textToAdf('From SUP-1'),
          labels: ['3rd-line'],
          priority: { name: 'High' },
        },
      });
      expect(created).toMatchObject({ key: 'QAOPS-5', id: expect.stringMatching(/^\d+$/), self: expect.stringContaining('/rest/api/3/issue/') });
      expect(sim.issue('QAOPS-5')).toMatchObject({ statusId: STATUS.triage, reporter: SERVICE_ACCOUNT, description: 'From SUP-1', priority: 'High' });
      expect(sim.rankOrder().at(-1)).toBe('QAOPS-5');
      const [hook] = await hooks('jira:issue_created');
      expect(hook).toMatchObject({
        issue_event_type_name: 'issue_created',
        user: { accountId: SERVICE_ACCOUNT },
        issue: { key: 'QAOPS-5', fields: { description: 'From SUP-1', labels: ['3rd-line'] } },
      });
      expect((hook?.changelog as { items: unknown[] }).items).toContainEqual(
        expect.objectContaining({ field: 'Status', fieldId: 'status', to: STATUS.triage, toString: 'Triage' }),
      );
      const bad = await failure(v3.issues.createIssue({ fields: { project: { key: 'QAOPS' }, issuetype: { name: 'Bug' } } as never }));
      expect(data(bad).errors).toEqual({ summary: 'You must specify a summary of the issue.' });
    });

    it('creates an issue with its link (update.issuelinks) and its properties in one request; both read back by key', async () => {
      const created = await v3.issues.createIssue({
        fields: { project: { key: 'QAOPS' }, issuetype: { name: 'Bug' }, summary: 'Escalated' },
        update: { issuelinks: [{ add: { type: { name: 'Relates' }, outwardIssue: { key: 'SUP-1' } } }] },
        properties: [{ key: 'orchestrator', value: { escalationOf: 'SUP-1' } }],
      });
      // the new issue stands as the inward issue: "QAOPS-5 relates to SUP-1"
      expect(sim.issue(created.key)?.links).toEqual([expect.objectContaining({ type: 'Relates', inwardKey: created.key, outwardKey: 'SUP-1' })]);
      const ticket = await v3.issues.getIssue({ issueIdOrKey: 'SUP-1', fields: ['issuelinks'] });
      expect(ticket.fields.issuelinks).toEqual([expect.objectContaining({ inwardIssue: expect.objectContaining({ key: created.key }) })]);
      expect(await v3.issueProperties.getIssueProperty({ issueIdOrKey: created.key, propertyKey: 'orchestrator' })).toEqual({
        key: 'orchestrator',
        value: { escalationOf: 'SUP-1' },
      });
      const read = await v3.issues.getIssue({ issueIdOrKey: created.key, fields: ['summary'], properties: ['orchestrator'] });
      expect(read.properties).toEqual({ orchestrator: { escalationOf: 'SUP-1' } });
      expect((await failure(v3.issueProperties.getIssueProperty({ issueIdOrKey: created.key, propertyKey: 'other' }))).status).toBe(404);
      expect((await hooks('issuelink_created')).length).toBe(1);
    });
  });

  describe('comments', () => {
    it('adds a comment with properties: the issue comment list does not give them (expand=properties is undocumented there), comment/list and the property resource do', async () => {
      const body = textToAdf('Moved back: the slot is occupied.');
      const added = await v3.issueComments.addComment({ issueIdOrKey: 'QAOPS-1', comment: body, properties: [{ key: 'flow', value: { kind: 'violation' } }] });
      expect(added).toMatchObject({ id: expect.any(String), author: { accountId: SERVICE_ACCOUNT }, body, jsdPublic: true });
      const page = await v3.issueComments.getComments({ issueIdOrKey: 'QAOPS-1', expand: 'properties' });
      expect(page).toMatchObject({ startAt: 0, total: 1, comments: [{ id: added.id, body }] });
      expect(page.comments?.[0]).not.toHaveProperty('properties');
      expect(sim.requests.at(-1)?.findings).toEqual([{ kind: 'undocumented_expand', detail: expect.stringContaining("'properties'") }]);
      const listed = await v3.issueComments.getCommentsByIds({ ids: [Number(added.id)], expand: 'properties' });
      expect(listed.values).toEqual([expect.objectContaining({ id: added.id, properties: [{ key: 'flow', value: { kind: 'violation' } }] })]);
      expect(await v3.issueCommentProperties.getCommentProperty({ commentId: String(added.id), propertyKey: 'flow' })).toEqual({
        key: 'flow',
        value: { kind: 'violation' },
      });
      expect(sim.comments('QAOPS-1')).toMatchObject([
        { text: 'Moved back: the slot is occupied.', authorId: SERVICE_ACCOUNT, public: true, properties: { flow: { kind: 'violation' } } },
      ]);
      const [hook] = await hooks('comment_created');
      expect(hook).toMatchObject({ comment: { id: added.id, body: 'Moved back: the slot is occupied.', jsdPublic: true }, issue: { key: 'QAOPS-1' } });
      expect(hook).not.toHaveProperty('user');
    });

    it('adds an internal service desk note that lists as not public', async () => {
      const note = await desk.request.createRequestComment({ issueIdOrKey: 'SUP-1', body: 'Escalated to QAOPS-5', public: false });
      expect(note).toMatchObject({ body: 'Escalated to QAOPS-5', public: false, author: { accountId: SERVICE_ACCOUNT } });
      const list = await desk.request.getRequestComments({ issueIdOrKey: 'SUP-1' });
      expect(list).toMatchObject({ size: 1, isLastPage: true, values: [{ id: note.id, body: 'Escalated to QAOPS-5', public: false }] });
      expect(sim.comments('SUP-1')).toMatchObject([{ text: 'Escalated to QAOPS-5', public: false }]);
      const [hook] = await hooks('comment_created');
      expect(hook).toMatchObject({ comment: { jsdPublic: false }, issue: { key: 'SUP-1' } });
    });

    it("a platform comment is public whatever its properties say (sd.public.comment is not documented); an internal note is JSM's", async () => {
      await v3.issueComments.addComment({
        issueIdOrKey: 'SUP-1',
        comment: textToAdf('meant to be internal'),
        properties: [{ key: 'sd.public.comment', value: { internal: true } }],
      });
      expect(sim.comments('SUP-1')).toMatchObject([{ text: 'meant to be internal', public: true }]);
    });

    it("tags a service desk note through the platform's comment property resource (one comment, one id)", async () => {
      const note = await desk.request.createRequestComment({ issueIdOrKey: 'SUP-1', body: 'Picked up', public: false });
      await v3.issueCommentProperties.setCommentProperty({ commentId: String(note.id), propertyKey: 'orchestrator', property: { commandId: '7' } });
      const listed = await v3.issueComments.getCommentsByIds({ ids: [Number(note.id)], expand: 'properties' });
      expect(listed.values).toEqual([expect.objectContaining({ jsdPublic: false, properties: [{ key: 'orchestrator', value: { commandId: '7' } }] })]);
    });

    it('refuses a service desk comment on an issue outside a service desk project', async () => {
      const error = await failure(desk.request.createRequestComment({ issueIdOrKey: 'QAOPS-1', body: 'x', public: false }));
      expect(error.status).toBe(404);
      expect(data(error).errorMessages).toEqual(['Request does not exist or you do not have permission to see it.']);
    });
  });

  describe('links', () => {
    it('lists the link types, Relates and Blocks included', async () => {
      const { issueLinkTypes } = await v3.issueLinkTypes.getIssueLinkTypes();
      expect(issueLinkTypes?.map((t) => [t.name, t.inward, t.outward])).toEqual(
        expect.arrayContaining([
          ['Relates', 'relates to', 'relates to'],
          ['Blocks', 'is blocked by', 'blocks'],
        ]),
      );
    });

    it('links with the inward issue as source (reading with the outward words) and deletes the link', async () => {
      await v3.issueLinks.linkIssues({ type: { name: 'Blocks' }, inwardIssue: { key: 'QAOPS-1' }, outwardIssue: { key: 'SUP-1' } });
      const [link] = sim.issue('QAOPS-1')?.links ?? [];
      expect(link).toMatchObject({ type: 'Blocks', inwardKey: 'QAOPS-1', outwardKey: 'SUP-1' });
      const qa1 = await v3.issues.getIssue({ issueIdOrKey: 'QAOPS-1' });
      const sup1 = await v3.issues.getIssue({ issueIdOrKey: 'SUP-1' });
      expect(qa1.fields.issuelinks).toMatchObject([{ id: link?.id, type: { name: 'Blocks', outward: 'blocks' }, outwardIssue: { key: 'SUP-1' } }]);
      expect(sup1.fields.issuelinks).toMatchObject([
        { id: link?.id, inwardIssue: { key: 'QAOPS-1', fields: { summary: 'Fund report totals rounded wrong' } } },
      ]);
      const [created] = await hooks('issuelink_created');
      expect(created).toMatchObject({
        issueLink: {
          id: Number(link?.id),
          sourceIssueId: Number(qa1.id),
          destinationIssueId: Number(sup1.id),
          issueLinkType: { name: 'Blocks', outwardName: 'blocks', inwardName: 'is blocked by' },
        },
      });
      await v3.issueLinks.deleteIssueLink({ linkId: link?.id ?? '' });
      expect(sim.issue('QAOPS-1')?.links).toEqual([]);
      expect(await hooks('issuelink_deleted')).toHaveLength(1);
      expect(
        (await failure(v3.issueLinks.linkIssues({ type: { name: 'Nope' }, inwardIssue: { key: 'QAOPS-1' }, outwardIssue: { key: 'SUP-1' } }))).status,
      ).toBe(404);
    });
  });

  describe('search', () => {
    it('pages /search/jql by nextPageToken and returns only ids when no fields are asked for', async () => {
      const first = await v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'project = QAOPS ORDER BY key DESC', maxResults: 3 });
      expect((first as { isLast?: boolean }).isLast).toBe(false);
      expect(first.issues?.[0]).toEqual({ id: sim.issue('QAOPS-4')?.id });
      const second = await v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
        jql: 'project = QAOPS ORDER BY key DESC',
        maxResults: 3,
        nextPageToken: first.nextPageToken,
      });
      expect(second).toMatchObject({ isLast: true, issues: [{ id: sim.issue('QAOPS-1')?.id }] });
      expect(second).not.toHaveProperty('nextPageToken');
      expect(second).not.toHaveProperty('total');
    });

    it("returns only ids for fields=id ('`id` Returns only issue IDs'): no key", async () => {
      const page = await v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'key = QAOPS-2', fields: ['id'] });
      expect(page.issues).toEqual([{ id: sim.issue('QAOPS-2')?.id }]);
    });

    it('serves at most 100 issues a page once fields are asked for, up to 5000 for ids only', async () => {
      for (let i = 0; i < 150; i++) sim.seedIssue({ key: `QAOPS-${200 + i}`, summary: `filler ${i}`, statusId: STATUS.ready });
      const withFields = await v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'project = QAOPS', maxResults: 500, fields: ['summary'] });
      expect(withFields.issues).toHaveLength(100);
      expect(withFields.nextPageToken).toEqual(expect.any(String));
      const idsOnly = await v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'project = QAOPS', maxResults: 500 });
      expect(idsOnly.issues).toHaveLength(154);
    });

    it('returns the asked fields, by POST and by GET', async () => {
      const post = await v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
        jql: `labels = 3rd-line AND status = ${STATUS.ready}`,
        fields: ['summary', 'status'],
      });
      expect(post.issues?.map((i) => [i.key, Object.keys(i.fields ?? {}).sort()])).toEqual([
        ['QAOPS-1', ['status', 'summary']],
        ['QAOPS-2', ['status', 'summary']],
      ]);
      const get = await v3.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'sprint in openSprints()', fields: ['assignee'] });
      expect(get.issues).toMatchObject([{ key: 'QAOPS-4', fields: { assignee: { accountId: 'dev-1' } } }]);
    });

    it('refuses malformed and unbounded JQL with 400, and the removed /search with 410', async () => {
      const malformed = await failure(v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'project = QAOPS AND' }));
      expect(malformed.status).toBe(400);
      expect(String((data(malformed).errorMessages as string[])[0])).toMatch(/^Error in the JQL Query: Expecting a field name/);
      const unknownProject = await failure(v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'project = NOPE' }));
      expect(data(unknownProject).errorMessages).toEqual(["The value 'NOPE' does not exist for the field 'project'."]);
      const deletedKey = await failure(v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'key in (QAOPS-1, QAOPS-99)' }));
      expect(data(deletedKey).errorMessages).toEqual(["An issue with key 'QAOPS-99' does not exist for field 'key'."]);
      expect((await failure(v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'ORDER BY Rank' }))).status).toBe(400);
      expect((await failure(v3.issueSearch.searchForIssuesUsingJqlPost({ jql: 'project = QAOPS' }))).status).toBe(410);
    });
  });

  describe('search index lag', () => {
    let now: number;
    let lagged: JiraSimulator;
    let client: Version3Client;
    let boards: AgileClient;
    const ready = async (reconcileIssues?: number[]) =>
      (
        await client.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
          jql: `status = ${STATUS.ready} ORDER BY Rank`,
          fields: ['status'],
          reconcileIssues,
        })
      ).issues?.map((i) => i.key);
    const boardReady = async () => ((await boards.board.getIssuesForBoard({ boardId: 1, jql: `status = ${STATUS.ready}` })).issues ?? []).map((i) => i.key);

    beforeEach(async () => {
      now = Date.parse('2026-12-03T10:00:00Z');
      lagged = createWorld({ clock: () => now });
      lagged.setSearchIndexLag(5_000);
      await lagged.start();
      client = new Version3Client({ host: lagged.baseUrl, authentication: auth });
      boards = new AgileClient({ host: lagged.baseUrl, authentication: auth });
    });
    afterEach(async () => {
      await lagged.stop();
    });

    it('serves what was seeded at once, a change only once the lag has passed, on /search/jql and on board lists', async () => {
      expect(await ready()).toEqual(['QAOPS-1', 'QAOPS-2']);
      lagged.transition('QAOPS-1', STATUS.inProgress, 'dev-1');
      lagged.rank('QAOPS-3', { top: true }, 'dev-1');
      lagged.transition('QAOPS-3', STATUS.ready, 'dev-1');
      expect(lagged.issue('QAOPS-1')?.statusId).toBe(STATUS.inProgress); // the issue itself has changed
      expect(await ready()).toEqual(['QAOPS-1', 'QAOPS-2']);
      expect(await boardReady()).toEqual(['QAOPS-1', 'QAOPS-2']);
      now += 5_000;
      expect(await ready()).toEqual(['QAOPS-3', 'QAOPS-2']);
      expect(await boardReady()).toEqual(['QAOPS-3', 'QAOPS-2']);
    });

    it('reconciles the issues named in reconcileIssues: their current state, in their current rank', async () => {
      lagged.transition('QAOPS-1', STATUS.inProgress, 'dev-1');
      lagged.rank('QAOPS-3', { top: true }, 'dev-1');
      lagged.transition('QAOPS-3', STATUS.ready, 'dev-1');
      const id = (key: string) => Number(lagged.issue(key)?.id);
      expect(await ready([id('QAOPS-1')])).toEqual(['QAOPS-2']);
      expect(await ready([id('QAOPS-1'), id('QAOPS-3')])).toEqual(['QAOPS-3', 'QAOPS-2']);
    });

    it('shows a new issue only after the lag, a deleted one until then; a reconciled id must exist', async () => {
      const created = lagged.createIssue({ project: 'QAOPS', summary: 'new', statusId: STATUS.ready }, 'dev-1');
      lagged.deleteIssue('QAOPS-2', 'dev-1');
      expect(await ready()).toEqual(['QAOPS-1', 'QAOPS-2']);
      now += 5_000;
      expect(await ready()).toEqual(['QAOPS-1', created.key]);
      const gone = await failure(client.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'project = QAOPS', reconcileIssues: [999999] }));
      expect(gone.status).toBe(400);
    });
  });

  describe('actions of people in the Jira UI', () => {
    it('emits a transition with that person as user, and a resolution entering done', async () => {
      sim.transition('QAOPS-4', STATUS.done, 'dev-1');
      const [hook] = await hooks('jira:issue_updated');
      expect(hook).toMatchObject({
        user: { accountId: 'dev-1', displayName: 'Dana Dev' },
        changelog: {
          items: [
            { fieldId: 'resolution', toString: 'Done' },
            { fieldId: 'status', from: STATUS.inProgress, to: STATUS.done },
          ],
        },
      });
      expect(sim.issue('QAOPS-4')?.resolution).toBe('Done');
    });

    it('ranks an issue with a Rank changelog item and a new board order', async () => {
      sim.rank('QAOPS-3', { before: 'QAOPS-1' }, 'dev-2');
      expect(sim.rankOrder()).toEqual(['QAOPS-3', 'QAOPS-1', 'QAOPS-2', 'QAOPS-4', 'SUP-1']);
      sim.rank('QAOPS-3', { after: 'QAOPS-4' }, 'dev-2');
      expect(sim.rankOrder()).toEqual(['QAOPS-1', 'QAOPS-2', 'QAOPS-4', 'QAOPS-3', 'SUP-1']);
      const ranks = sim.rankOrder().map((key) => sim.issue(key)?.rank ?? '');
      expect([...ranks].sort()).toEqual(ranks);
      const items = (await hooks('jira:issue_updated')).map((h) => (h.changelog as { items: unknown[] }).items[0]);
      expect(items).toEqual([
        { field: 'Rank', fieldtype: 'custom', fieldId: 'customfield_10019', from: '', fromString: '', to: '', toString: 'Ranked higher' },
        { field: 'Rank', fieldtype: 'custom', fieldId: 'customfield_10019', from: '', fromString: '', to: '', toString: 'Ranked lower' },
      ]);
    });

    it('creates, links, labels, assigns and deletes with the matching events', async () => {
      const created = sim.createIssue({ project: 'SUP', summary: 'Reports are slow' }, 'sup-1');
      expect(created).toMatchObject({ key: 'SUP-2', statusId: STATUS.waitingForSupport, reporter: 'sup-1' });
      const link = sim.linkIssues('Relates', 'QAOPS-1', 'SUP-2', 'sup-1');
      sim.setLabels('QAOPS-2', ['3rd-line', 'urgent'], 'dev-1');
      sim.assign('QAOPS-2', 'dev-2', 'dev-1');
      sim.unlink(link.id, 'sup-1');
      sim.deleteIssue('SUP-2', 'sup-1');
      const events = (await hooks()).map((h) => [h.webhookEvent, (h.user as { accountId?: string } | undefined)?.accountId]);
      expect(events).toEqual([
        ['jira:issue_created', 'sup-1'],
        ['issuelink_created', undefined],
        ['jira:issue_updated', 'sup-1'],
        ['jira:issue_updated', 'sup-1'],
        ['jira:issue_updated', 'dev-1'],
        ['jira:issue_updated', 'dev-1'],
        ['issuelink_deleted', undefined],
        ['jira:issue_updated', 'sup-1'],
        ['jira:issue_updated', 'sup-1'],
        ['jira:issue_deleted', 'sup-1'],
      ]);
      expect(sim.issue('SUP-2')).toBeUndefined();
    });

    it('starts and closes sprints; unfinished issues stay in the closed sprint unless moved on', async () => {
      sim.closeSprint(8, 'dev-1');
      expect(sim.issue('QAOPS-4')?.sprintId).toBe(8);
      const open = await v3.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'sprint in openSprints()', fields: ['summary'] });
      expect(open.issues).toEqual([]);
      sim.startSprint(9, 'dev-1');
      sim.moveToSprint(['QAOPS-4'], 9, 'dev-1');
      const [closed, started] = [...(await hooks('sprint_closed')), ...(await hooks('sprint_started'))];
      expect(closed).toMatchObject({ sprint: { id: 8, state: 'closed', originBoardId: 2, completeDate: expect.any(String) } });
      expect(started).toMatchObject({ sprint: { id: 9, state: 'active', name: 'Sprint 9', startDate: expect.any(String) } });
      const issue = await v3.issues.getIssue({ issueIdOrKey: 'QAOPS-4', fields: ['customfield_10020'] });
      expect(issue.fields.customfield_10020).toMatchObject([
        { id: 8, state: 'closed' },
        { id: 9, state: 'active' },
      ]);
    });

    it('closing a sprint can carry the unfinished issues into the next one', async () => {
      sim.seedIssue({ key: 'QAOPS-5', summary: 'Finished', statusId: STATUS.done, sprintId: 8 });
      sim.closeSprint(8, 'dev-1', { moveOpenIssuesTo: 9 });
      expect(sim.issue('QAOPS-4')).toMatchObject({ sprintId: 9, pastSprintIds: [8] });
      expect(sim.issue('QAOPS-5')).toMatchObject({ sprintId: 8, pastSprintIds: [] });
      const events = await hooks();
      expect(events.map((e) => e.webhookEvent)).toEqual(['sprint_closed', 'jira:issue_updated']);
      expect(events[1]).toMatchObject({ changelog: { items: [{ fieldId: 'customfield_10020', from: '8', to: '8, 9', toString: 'Sprint 8, Sprint 9' }] } });
    });

    it('edits fields and comments as a person, internal notes included', async () => {
      sim.editIssue('SUP-1', { summary: 'Client cannot log in (PROD)', fields: { customfield_10050: { value: 'UAT' } } }, 'sup-1');
      const note = sim.addComment('SUP-1', 'Checked the logs', 'sup-1', { public: false });
      expect(sim.issue('SUP-1')).toMatchObject({ summary: 'Client cannot log in (PROD)', fields: { customfield_10050: { value: 'UAT' } } });
      expect(sim.comments('SUP-1')).toEqual([note]);
      const [update, comment] = await hooks();
      expect(update).toMatchObject({
        changelog: {
          items: [
            { fieldId: 'summary', toString: 'Client cannot log in (PROD)' },
            { fieldId: 'customfield_10050', fromString: 'PROD', toString: 'UAT' },
          ],
        },
      });
      expect(comment).toMatchObject({
        webhookEvent: 'comment_created',
        comment: { body: 'Checked the logs', jsdPublic: false, author: { accountId: 'sup-1' } },
      });
    });

    it('also sends issue_commented updates when asked to, as a site with jira:issue_updated registered does', async () => {
      const chatty = createWorld({ webhookUrl, issueCommentedEvents: true });
      chatty.addComment('QAOPS-1', 'hello', 'dev-1');
      await chatty.idle();
      expect(receiver.bodies().map((b) => [b.webhookEvent, b.issue_event_type_name])).toEqual([
        ['comment_created', undefined],
        ['jira:issue_updated', 'issue_commented'],
      ]);
      await chatty.stop();
    });

    it('sends issue and comment events only for issues matching the webhook’s JQL; sprint and link events always', async () => {
      sim.setWebhookFilter('project = SUP');
      sim.setLabels('QAOPS-1', ['x'], 'dev-1');
      sim.addComment('QAOPS-1', 'hello', 'dev-1');
      sim.setLabels('SUP-1', ['y'], 'sup-1');
      sim.linkIssues('Relates', 'QAOPS-1', 'SUP-1', 'dev-1');
      sim.startSprint(9, 'dev-1');
      await sim.idle();
      const events = receiver.bodies().map((b) => `${(b as { webhookEvent: string }).webhookEvent}:${(b as { issue?: { key: string } }).issue?.key ?? ''}`);
      expect(events).toEqual(['jira:issue_updated:SUP-1', 'issuelink_created:', 'jira:issue_updated:SUP-1', 'sprint_started:']);
      expect(() => sim.setWebhookFilter('project = NOPE')).toThrow();
    });

    it('stamps every event with a strictly increasing timestamp', () => {
      for (let i = 0; i < 20; i++) sim.setLabels('QAOPS-1', [`l${i}`], 'dev-1');
      const stamps = sim.emitted().map((e) => (e as { timestamp: number }).timestamp);
      expect(stamps.every((t, i) => i === 0 || t > (stamps[i - 1] ?? 0))).toBe(true);
    });
  });
});
