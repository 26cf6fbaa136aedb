import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { inboxSettled, quiet } from '../support/chaos';
import { SPRINT, SPRINT_BOARD, STATUS, USERS, seedBug, startWorld, waitFor, type World, type WorldOptions } from '../support/jira-world';
import { story } from '../support/story';
import { bearer as auth, tokenFor } from '../support/tokens';

/**
 * Behaviour a real Jira site has and a kinder simulator hid (issue "Jira as it really is"); each case
 * failed against the service before it was fixed.
 */
const LINK_BACK_TEXT = 'not linked to a service desk ticket';

describe.each<[string, WorldOptions['qaBoard']]>([
  ['the process’s layout: In Progress only on the Sprint Work board', 'process'],
  ['a QA/Operations board that maps In Progress too', 'mapsInProgress'],
])('pickups made in Jira on %s', (_, qaBoard) => {
  let w: World;
  let po: string;
  const violations = async () => (await request(w.app.url).get('/api/violations').set(auth(po)).expect(200)).body as { ticketKey: string; rule: string }[];

  beforeEach(async () => {
    w = await startWorld({}, { qaBoard });
    for (const key of ['QAOPS-31', 'QAOPS-32', 'QAOPS-33']) seedBug(w.sim, { key, statusId: STATUS.ready });
    po = await tokenFor(w.app.url, 'po');
    await request(w.app.url).put('/api/rota').set(auth(po)).send({ accountId: USERS.dev1 }).expect(200);
  });
  afterEach(async () => {
    await w?.close();
  });

  it('the designated developer moving the top-ranked ticket with the slot free is accepted: assigned, in the sprint, in the slot', async () => {
    w.sim.transition('QAOPS-31', STATUS.inProgress, USERS.dev1);
    await waitFor('QAOPS-31 to be assigned and in the sprint', () => {
      const i = w.sim.issue('QAOPS-31');
      return i?.assignee === USERS.dev1 && i.sprintId === SPRINT;
    });
    await quiet(w.app.db.url, w.sim);
    expect(w.sim.issue('QAOPS-31')?.statusId).toBe(STATUS.inProgress);
    expect(await violations()).toEqual([]);
    expect(w.sim.comments('QAOPS-31')).toEqual([]);
    const queue = await request(w.app.url).get('/api/queue').set(auth(po)).expect(200);
    expect(queue.body.slot).toMatchObject({ state: 'occupied', ticket: { key: 'QAOPS-31' } });
  });

  it('moving a lower-ranked ticket is still reverted as not_top_of_queue', async () => {
    w.sim.transition('QAOPS-32', STATUS.inProgress, USERS.dev1);
    await waitFor('the violation', async () => (await violations()).some((v) => v.ticketKey === 'QAOPS-32' && v.rule === 'not_top_of_queue'));
    await waitFor('QAOPS-32 to be moved back', () => w.sim.issue('QAOPS-32')?.statusId === STATUS.ready);
  });

  it('a ticket re-ranked to the top just before the move counts as the top', async () => {
    w.sim.rank('QAOPS-33', { top: true }, USERS.po);
    w.sim.transition('QAOPS-33', STATUS.inProgress, USERS.dev1);
    await waitFor('QAOPS-33 to be in the sprint', () => w.sim.issue('QAOPS-33')?.sprintId === SPRINT);
    await quiet(w.app.db.url, w.sim);
    expect(await violations()).toEqual([]);
  });
});

describe('the service’s own echoes arriving late and out of order', () => {
  let w: World;
  afterEach(async () => {
    await w?.close();
  });

  it('a comment echo that arrives after the label echo, with an older snapshot, does not make link-back comment again', async () => {
    w = await startWorld({}, { delivery: 'ordered' });
    w.sim.pauseDeliveries();
    const bug = w.sim.createIssue({ project: 'QAOPS', summary: 'Mystery crash', statusId: STATUS.triage, labels: ['3rd-line'] }, USERS.po);
    await w.sim.flushDeliveries(); // only the creation reaches the service; its own changes' echoes wait
    await waitFor(
      'the service’s comment and label in Jira',
      () => w.sim.comments(bug.key).length === 1 && w.sim.issue(bug.key)?.labels.includes('needs-service-desk-link'),
    );
    await waitFor('the echoes to be queued', () => w.sim.queuedDeliveries().length >= 3);
    // Jira sends the label change first; the comment's two events (with the label-less snapshot) after it
    const labelFirst = (d: { body: Record<string, unknown> }) => (JSON.stringify(d.body.changelog ?? '').includes('"labels"') ? 0 : 1);
    w.sim.reorderQueuedDeliveries((a, b) => labelFirst(a) - labelFirst(b));
    expect(w.sim.queuedDeliveries().map((d) => d.event)).toEqual(['jira:issue_updated', 'comment_created', 'jira:issue_updated']);
    await w.sim.deliverNext(1);
    await waitFor('the label change to be applied before the comment’s events arrive', () => inboxSettled(w.app.db.url));
    w.sim.resumeDeliveries();
    await quiet(w.app.db.url, w.sim);
    expect(w.sim.comments(bug.key).filter((c) => c.text.includes(LINK_BACK_TEXT))).toHaveLength(1);
  });

  it('five unlinked bugs under realistic delivery get one link-back comment each', async () => {
    w = await startWorld();
    const bugs = Array.from(
      { length: 5 },
      (_, i) => w.sim.createIssue({ project: 'QAOPS', summary: `Unlinked ${i}`, statusId: STATUS.triage, labels: ['3rd-line'] }, USERS.po).key,
    );
    await waitFor('every bug to be flagged', () => bugs.every((k) => w.sim.issue(k)?.labels.includes('needs-service-desk-link')));
    await quiet(w.app.db.url, w.sim);
    expect(bugs.map((k) => w.sim.comments(k).filter((c) => c.text.includes(LINK_BACK_TEXT)).length)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('sprints', () => {
  // the first step starts the world (ordered delivery) and moves the rota to sprint 12; the second checks it stays there
  const step = story('sprints');
  let w: World;
  let po: string;
  afterAll(async () => {
    await w?.close();
  });

  step('a late sprint_started of an older sprint does not move the rota back', async () => {
    w = await startWorld({}, { delivery: 'ordered' });
    w.sim.addSprint({ id: SPRINT + 2, boardId: SPRINT_BOARD, name: 'Sprint 12', state: 'future' });
    po = await tokenFor(w.app.url, 'po');
    await request(w.app.url)
      .put('/api/rota')
      .set(auth(po))
      .send({ rotation: [USERS.dev1, USERS.dev2] })
      .expect(200);
    w.sim.pauseDeliveries();
    w.sim.closeSprint(SPRINT, USERS.po);
    w.sim.startSprint(SPRINT + 1, USERS.po);
    w.sim.closeSprint(SPRINT + 1, USERS.po);
    w.sim.startSprint(SPRINT + 2, USERS.po);
    const started = (d: { event: string; body: Record<string, unknown> }) => (d.event === 'sprint_started' ? -Number((d.body.sprint as { id: number }).id) : 0);
    w.sim.reorderQueuedDeliveries((a, b) => started(a) - started(b));
    await w.sim.deliverNext(1);
    await waitFor('sprint 12’s start to be applied before sprint 11’s arrives', () => inboxSettled(w.app.db.url));
    w.sim.resumeDeliveries();
    await quiet(w.app.db.url, w.sim);
    const rota = await request(w.app.url).get('/api/rota').set(auth(po)).expect(200);
    expect(rota.body.designatedDeveloper).toEqual({ accountId: USERS.dev2, sprintId: SPRINT + 2 });
  });

  step('a sprint of another board (sent whatever the webhook’s JQL) changes nothing', async () => {
    w.sim.addBoard({ id: 7, name: 'Another team', jql: 'project = SUP', columns: [{ name: 'Doing', statusIds: ['1'] }] });
    w.sim.addSprint({ id: 70, boardId: 7, name: 'Other 1', state: 'future' });
    w.sim.startSprint(70, USERS.po);
    await quiet(w.app.db.url, w.sim);
    const rota = await request(w.app.url).get('/api/rota').set(auth(po)).expect(200);
    expect(rota.body.designatedDeveloper).toEqual({ accountId: USERS.dev2, sprintId: SPRINT + 2 });
  });
});

describe('boards serve pages of at most 50 issues', () => {
  let w: World;
  afterAll(async () => {
    await w?.close();
  });

  it('the queue lists all 60 tickets of Ready for sprint, in rank order', async () => {
    w = await startWorld();
    const keys = Array.from({ length: 60 }, (_, i) => `QAOPS-${201 + i}`);
    for (const key of keys) seedBug(w.sim, { key, statusId: STATUS.ready });
    const po = await tokenFor(w.app.url, 'po');
    const queue = await request(w.app.url).get('/api/queue').set(auth(po)).expect(200);
    expect(queue.body.ready.map((r: { key: string }) => r.key)).toEqual(keys);
  });
});
