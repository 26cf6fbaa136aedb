import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SPRINT, STATUS, USERS, startWorld, waitFor, type World, seedBug } from '../support/jira-world';
import { story } from '../support/story';
import { bearer as auth, tokenFor } from '../support/tokens';
import { describeNoJiraInTransactions, installJiraTransactionGuard, watchApp } from '../support/jira-transaction.guard';

/** Patches before any app starts, so that bootstrap is watched too. */
installJiraTransactionGuard();

describe('pickups made in Jira are checked on the webhook and enforced', () => {
  // QAOPS-11 refused, then accepted, then holding the slot against QAOPS-12, then returned; the violations add up
  const step = story('pickups made in Jira are checked');
  let w: World;
  let po: string;
  let admin: string;
  const violations = async () =>
    (await request(w.app.url).get('/api/violations').set(auth(po)).expect(200)).body as { ticketKey: string; rule: string; remedy: string }[];

  beforeAll(async () => {
    w = await startWorld();
    watchApp(w.app.app);
    for (const key of ['QAOPS-11', 'QAOPS-12', 'QAOPS-13', 'QAOPS-14']) seedBug(w.sim, { key, summary: `bug ${key}`, statusId: STATUS.ready });
    po = await tokenFor(w.app.url, 'po');
    admin = await tokenFor(w.app.url, 'admin');
    await request(w.app.url).put('/api/rota').set(auth(po)).send({ accountId: USERS.dev1 }).expect(200);
  });
  afterAll(async () => {
    await w?.close();
  });

  step('an out-of-order move with the slot free is reverted with a comment and recorded as not_top_of_queue', async () => {
    w.sim.transition('QAOPS-13', STATUS.inProgress, USERS.dev1);
    await waitFor('QAOPS-13 to be moved back to Ready', () => w.sim.issue('QAOPS-13')?.statusId === STATUS.ready);
    await waitFor('the violation to be listed', async () => (await violations()).length === 1);
    expect((await violations())[0]).toMatchObject({ ticketKey: 'QAOPS-13', rule: 'not_top_of_queue', remedy: 'reverted' });
    const comments = await waitFor('the comment', () => w.sim.comments('QAOPS-13').filter((c) => c.text.includes('top-ranked')).length === 1);
    expect(comments).toBe(true);
  });

  step('the top ticket moved by someone other than the designated developer is reverted as not_designated', async () => {
    w.sim.transition('QAOPS-11', STATUS.inProgress, USERS.dev2);
    await waitFor('QAOPS-11 to be moved back', () => w.sim.issue('QAOPS-11')?.statusId === STATUS.ready);
    await waitFor('the violation', async () => (await violations()).some((v) => v.ticketKey === 'QAOPS-11' && v.rule === 'not_designated'));
  });

  step('the top ticket moved by the designated developer is accepted and completed: assigned and in the active sprint', async () => {
    await w.settled();
    w.sim.transition('QAOPS-11', STATUS.inProgress, USERS.dev1);
    await waitFor('QAOPS-11 to be assigned and in the sprint', () => {
      const i = w.sim.issue('QAOPS-11');
      return i?.assignee === USERS.dev1 && i.sprintId === SPRINT && i.statusId === STATUS.inProgress;
    });
    const queue = await request(w.app.url).get('/api/queue').set(auth(po)).expect(200);
    expect(queue.body.slot).toMatchObject({ state: 'occupied', ticket: { key: 'QAOPS-11' } });
  });

  step('a second ticket moved to In Progress while the slot is occupied is reverted and listed as slot_occupied', async () => {
    w.sim.transition('QAOPS-12', STATUS.inProgress, USERS.dev1);
    await waitFor('QAOPS-12 to be moved back', () => w.sim.issue('QAOPS-12')?.statusId === STATUS.ready);
    await waitFor('the violation', async () => (await violations()).some((v) => v.ticketKey === 'QAOPS-12' && v.rule === 'slot_occupied'));
    expect(w.sim.issue('QAOPS-11')?.statusId).toBe(STATUS.inProgress);
  });

  step('later pipeline statuses keep the slot; moving the ticket back to Ready releases it as returned', async () => {
    await w.settled();
    w.sim.transition('QAOPS-11', STATUS.inReview, USERS.dev1);
    await w.settled();
    const queue = await request(w.app.url).get('/api/queue').set(auth(po)).expect(200);
    expect(queue.body.slot.state).toBe('occupied');
    w.sim.transition('QAOPS-11', STATUS.ready, USERS.dev1);
    await waitFor('the slot to be free', async () => (await request(w.app.url).get('/api/queue').set(auth(po))).body.slot.state === 'free');
    const ticket = await request(w.app.url).get('/api/tickets/QAOPS-11').set(auth(admin)).expect(200);
    const released = ticket.body.auditEvents.find((e: { type: string }) => e.type === 'slot.released');
    expect(released.data.reason).toBe('returned');
  });

  step('the service’s own reverts and completions never count as violations', async () => {
    await w.settled();
    const all = await violations();
    expect(all.map((v) => `${v.ticketKey}:${v.rule}`).sort()).toEqual(['QAOPS-11:not_designated', 'QAOPS-12:slot_occupied', 'QAOPS-13:not_top_of_queue']);
  });
});

describe('flag mode', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ ENFORCEMENT_MODE: 'flag' });
    watchApp(w.app.app);
    for (const key of ['QAOPS-21', 'QAOPS-22']) seedBug(w.sim, { key, summary: `bug ${key}`, statusId: STATUS.ready });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('a bad move is left in place, commented once, labelled wip-violation and listed under overLimit', async () => {
    const po = await tokenFor(w.app.url, 'po');
    await request(w.app.url).put('/api/rota').set(auth(po)).send({ accountId: USERS.dev1 }).expect(200);
    w.sim.transition('QAOPS-22', STATUS.inProgress, USERS.dev1);
    await waitFor('the label', () => w.sim.issue('QAOPS-22')?.labels.includes('wip-violation'));
    expect(w.sim.issue('QAOPS-22')?.statusId).toBe(STATUS.inProgress);
    await w.settled();
    const queue = await request(w.app.url).get('/api/queue').set(auth(po)).expect(200);
    expect(queue.body.overLimit).toEqual([{ key: 'QAOPS-22' }]);
    expect(queue.body.slot.state).toBe('free');
    expect(w.sim.comments('QAOPS-22')).toHaveLength(1);
  });
});

describe('a revert Jira refuses', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld();
    watchApp(w.app.app);
    for (const key of ['QAOPS-61', 'QAOPS-62']) seedBug(w.sim, { key, summary: `bug ${key}`, statusId: STATUS.ready });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('is recorded as failed with Jira’s reason, and the comment saying it was moved back is not sent', async () => {
    const po = await tokenFor(w.app.url, 'po');
    await request(w.app.url).put('/api/rota').set(auth(po)).send({ accountId: USERS.dev1 }).expect(200);
    w.sim.failNext(1, {
      status: 400,
      body: { errorMessages: ['The workflow does not allow this transition'], errors: {} },
      match: { method: 'POST', pathIncludes: '/QAOPS-62/transitions' },
    });
    w.sim.transition('QAOPS-62', STATUS.inProgress, USERS.dev1);
    const ticket = await waitFor('both changes to end', async () => {
      const t = await request(w.app.url).get('/api/tickets/QAOPS-62').set(auth(po));
      return t.body.jiraChanges?.failed?.length === 2 ? t.body : null;
    });
    expect(ticket.jiraChanges.failed.map((c: { kind: string; error: string }) => [c.kind, c.error])).toEqual([
      ['transition', expect.stringContaining('The workflow does not allow this transition')],
      ['comment', 'Not sent: the change this comment explains failed'],
    ]);
    expect(w.sim.comments('QAOPS-62')).toEqual([]);
    expect(w.sim.issue('QAOPS-62')?.statusId).toBe(STATUS.inProgress);
  });
});

/** Last, over every flow above: test/support/jira-transaction.guard.ts. */
describeNoJiraInTransactions();
