import request from 'supertest';
import type { FaultMatch, JiraSimulator, SimHistory } from '../../jira-sim';
import { STATUS, USERS, seedBug } from '../../jira-sim/world/site';
import { bearer, tokenFor } from './tokens';

/** Where a write kind is played: the service's URL (in this process or a child), its database, the simulator. */
export interface Site {
  url: string;
  sim: JiraSimulator;
  /** nothing left to deliver or send, for a moment */
  settled(): Promise<void>;
}

/**
 * One kind of write the service makes to Jira: how to make the service decide it, which request is
 * the write, and how many times its effect is in Jira. Each kind is played on a fresh site.
 */
export interface WriteKind {
  name: string;
  /** the service's configuration it needs */
  env?: Record<string, string>;
  /** the request whose answer gets lost */
  write: FaultMatch;
  arrange?(site: Site): Promise<void>;
  /** makes the service decide the write (answers what the API answered, if it was called) */
  act(site: Site): Promise<{ status: number; body: Record<string, unknown> } | void>;
  /** the write is made while the API call waits: a caller whose call was cut off (the service killed) makes it again */
  repeatedByCaller?: boolean;
  /** the effect of the write in Jira, counted: exactly 1 when it happened once */
  effects(sim: JiraSimulator): number;
}

const SPRINT = 10;
const ENV_FIELD = 'customfield_10050';

/** changelog items of `key` made by the service account, of one field */
function serviceChanges(sim: JiraSimulator, key: string, field: string, to?: (item: SimHistory['items'][number]) => boolean): number {
  return sim
    .changelog(key)
    .filter((h) => h.authorId === USERS.service)
    .flatMap((h) => h.items)
    .filter((i) => i.fieldId === field && (to?.(i) ?? true)).length;
}

const commentsOn = (sim: JiraSimulator, key: string, text: string, internal = false) =>
  sim.comments(key).filter((c) => c.authorId === USERS.service && c.text.includes(text) && c.public === !internal).length;

const issuesEscalatedFrom = (sim: JiraSimulator, ticket: string) => sim.rankOrder().filter((k) => sim.issue(k)?.summary.includes(`[${ticket}]`)).length;

async function designate(site: Site, accountIds: string[] = [USERS.dev1]): Promise<void> {
  const po = await tokenFor(site.url, 'po');
  const body = accountIds.length === 1 ? { accountId: accountIds[0] } : { rotation: accountIds };
  await request(site.url).put('/api/rota').set(bearer(po)).send(body).expect(200);
}

async function pickUp(site: Site): Promise<{ status: number; body: Record<string, unknown> }> {
  const dev = await tokenFor(site.url, 'developer', USERS.dev1);
  const res = await request(site.url).post('/api/pickups').set(bearer(dev));
  return { status: res.status, body: res.body as Record<string, unknown> };
}

async function escalate(site: Site, serviceDeskKey: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const support = await tokenFor(site.url, 'support');
  const res = await request(site.url).post('/api/escalations').set(bearer(support)).send({ serviceDeskKey });
  return { status: res.status, body: res.body as Record<string, unknown> };
}

/** two bugs moved to Ready for sprint by the PO (QAOPS-31 on top), each linked to its client ticket, and a designated developer */
async function readyQueue(site: Site): Promise<void> {
  for (const key of ['QAOPS-31', 'QAOPS-32']) {
    seedBug(site.sim, { key, statusId: STATUS.triage });
    site.sim.transition(key, STATUS.ready, USERS.po);
  }
  await designate(site);
  await site.settled();
}

const unlinkedBug = (key: string) => (site: Site) => {
  site.sim.createIssue({ key, project: 'QAOPS', summary: 'Mystery crash', statusId: STATUS.triage, labels: ['3rd-line'] }, USERS.po);
  return Promise.resolve();
};

/** Every kind of write the service makes (issue "Jira as Atlassian documents it"). */
export const WRITE_KINDS: WriteKind[] = [
  {
    name: 'comment (link-back)',
    write: { method: 'POST', path: '/rest/api/3/issue/QAOPS-60/comment' },
    act: unlinkedBug('QAOPS-60'),
    effects: (sim) => commentsOn(sim, 'QAOPS-60', 'not linked to a service desk ticket'),
  },
  {
    name: 'labels (link-back flag)',
    write: { method: 'PUT', path: '/rest/api/3/issue/QAOPS-61' },
    act: unlinkedBug('QAOPS-61'),
    effects: (sim) => serviceChanges(sim, 'QAOPS-61', 'labels', (i) => (i.toString ?? '').includes('needs-service-desk-link')),
  },
  {
    name: 'link (link-back of a ticket named in the text)',
    write: { method: 'POST', path: '/rest/api/3/issueLink' },
    arrange: (site) => {
      site.sim.seedIssue({ key: 'SUP-79', project: 'SUP', summary: 'Export fails', statusId: STATUS.waitingForSupport, issueType: 'Bug' });
      return Promise.resolve();
    },
    act: (site) => {
      site.sim.createIssue({ key: 'QAOPS-62', project: 'QAOPS', summary: 'Export fails (SUP-79)', statusId: STATUS.triage, labels: ['3rd-line'] }, USERS.po);
      return Promise.resolve();
    },
    effects: (sim) => (sim.issue('QAOPS-62')?.links ?? []).filter((l) => l.outwardKey === 'SUP-79' || l.inwardKey === 'SUP-79').length,
  },
  {
    name: 'transition (a revert)',
    write: { method: 'POST', path: '/rest/api/3/issue/QAOPS-32/transitions' },
    arrange: readyQueue,
    act: (site) => Promise.resolve(site.sim.transition('QAOPS-32', STATUS.inProgress, USERS.dev1)),
    effects: (sim) => serviceChanges(sim, 'QAOPS-32', 'status', (i) => i.to === STATUS.ready),
  },
  {
    name: 'comment (violation)',
    write: { method: 'POST', path: '/rest/api/3/issue/QAOPS-32/comment' },
    arrange: readyQueue,
    act: (site) => Promise.resolve(site.sim.transition('QAOPS-32', STATUS.inProgress, USERS.dev1)),
    effects: (sim) => sim.comments('QAOPS-32').filter((c) => c.authorId === USERS.service).length,
  },
  {
    name: 'assignee (a pickup)',
    write: { method: 'PUT', path: '/rest/api/3/issue/QAOPS-31/assignee' },
    arrange: readyQueue,
    act: pickUp,
    effects: (sim) => serviceChanges(sim, 'QAOPS-31', 'assignee'),
  },
  {
    name: 'sprint (a pickup)',
    write: { method: 'POST', path: `/rest/agile/1.0/sprint/${SPRINT}/issue` },
    arrange: readyQueue,
    act: pickUp,
    effects: (sim) => serviceChanges(sim, 'QAOPS-31', 'customfield_10020'),
  },
  {
    name: 'internal JSM note (picked up)',
    write: { method: 'POST', path: '/rest/servicedeskapi/request/SUP-31/comment' },
    arrange: readyQueue,
    act: pickUp,
    effects: (sim) => commentsOn(sim, 'SUP-31', 'was picked up by', true),
  },
  {
    name: 'comment (the next-ticket nudge)',
    write: { method: 'POST', path: '/rest/api/3/issue/QAOPS-32/comment' },
    arrange: async (site) => {
      await readyQueue(site);
      await pickUp(site);
      await site.settled();
    },
    act: async (site) => {
      const ci = await tokenFor(site.url, 'ci');
      const deploy = { id: 'deploy-d-1', environment: 'D', status: 'successful', issueKeys: ['QAOPS-31'] };
      await request(site.url).post('/api/deployments').set(bearer(ci)).send(deploy).expect(202);
    },
    effects: (sim) => commentsOn(sim, 'QAOPS-32', 'is next for you'),
  },
  {
    name: 'comment (handover at sprint start)',
    write: { method: 'POST', path: '/rest/api/3/issue/QAOPS-31/comment' },
    arrange: async (site) => {
      await readyQueue(site);
      await designate(site, [USERS.dev1, USERS.dev2]);
      await pickUp(site);
      await site.settled();
    },
    act: (site) => {
      site.sim.closeSprint(SPRINT, USERS.po);
      site.sim.startSprint(SPRINT + 1, USERS.po);
      return Promise.resolve();
    },
    effects: (sim) => commentsOn(sim, 'QAOPS-31', 'Handed over'),
  },
  {
    name: 'create issue (escalation)',
    write: { method: 'POST', path: '/rest/api/3/issue' },
    repeatedByCaller: true,
    arrange: (site) => {
      site.sim.seedIssue({ key: 'SUP-77', project: 'SUP', summary: 'Statements are empty', statusId: STATUS.waitingForSupport, issueType: 'Bug' });
      return Promise.resolve();
    },
    act: (site) => escalate(site, 'SUP-77'),
    effects: (sim) => issuesEscalatedFrom(sim, 'SUP-77'),
  },
  {
    name: 'create issue (auto-escalation)',
    env: { AUTO_ESCALATE_BUGS: 'true' },
    write: { method: 'POST', path: '/rest/api/3/issue' },
    arrange: (site) => {
      site.sim.seedIssue({ key: 'SUP-78', project: 'SUP', summary: 'Login loops', statusId: STATUS.waitingForSupport, issueType: 'Email Request' });
      return Promise.resolve();
    },
    act: (site) => Promise.resolve(site.sim.editIssue('SUP-78', { issueType: 'Bug' }, USERS.support)),
    effects: (sim) => issuesEscalatedFrom(sim, 'SUP-78'),
  },
  {
    name: 'priority (the test-environment downgrade written back to JSM)',
    env: { SERVICE_DESK_ENVIRONMENT_FIELD: ENV_FIELD, SLA_WRITE_BACK_PRIORITY: 'true' },
    write: { method: 'PUT', path: '/rest/api/3/issue/SUP-80' },
    arrange: (site) => {
      site.sim.seedIssue({
        key: 'SUP-80',
        project: 'SUP',
        summary: 'Totals wrong in UAT',
        statusId: STATUS.waitingForSupport,
        issueType: 'Bug',
        priority: 'Critical',
        fields: { [ENV_FIELD]: { value: 'UAT' } },
      });
      return Promise.resolve();
    },
    act: (site) => escalate(site, 'SUP-80'),
    effects: (sim) => serviceChanges(sim, 'SUP-80', 'priority'),
  },
];
