import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import request from 'supertest';
import { SPRINT, STATUS, USERS, startWorld, waitFor, type World, seedBug } from '../support/jira-world';
import { ADMIN_TOKEN } from '../support/test-app';
import { story } from '../support/story';
import { bearer as auth, tokenFor } from '../support/tokens';

describe('the 3rd-line flow, end to end against the Jira simulator', () => {
  const step = story('the 3rd-line flow');
  let w: World;
  let dev1: string;
  let dev2: string;
  let po: string;
  let ci: string;

  beforeAll(async () => {
    w = await startWorld();
    for (const [key, summary] of [
      ['QAOPS-1', 'Totals rounded wrong'],
      ['QAOPS-2', 'Export times out'],
      ['QAOPS-3', 'Typo on invoice'],
    ]) {
      seedBug(w.sim, { key, summary, statusId: STATUS.triage });
    }
    // the PO readies them one by one: Jira sends webhooks and the service learns the tickets
    for (const key of ['QAOPS-1', 'QAOPS-2', 'QAOPS-3']) w.sim.transition(key, STATUS.ready, USERS.po);
    dev1 = await tokenFor(w.app.url, 'developer', USERS.dev1);
    dev2 = await tokenFor(w.app.url, 'developer', USERS.dev2);
    po = await tokenFor(w.app.url, 'po');
    ci = await tokenFor(w.app.url, 'ci');
    // each of them: a ticket's webhook may arrive after a later one's, and until then Jira's lagging
    // search (not reconciled for a ticket the service has not heard of) may still show it in Triage
    await waitFor('the three readied tickets to be tracked', async () => {
      for (const key of ['QAOPS-1', 'QAOPS-2', 'QAOPS-3']) {
        const res = await request(w.app.url).get(`/api/tickets/${key}`).set(auth(ADMIN_TOKEN));
        if (res.status !== 200 || res.body.ticket?.column !== 'ready') return false;
      }
      return true;
    });
  });
  afterAll(async () => {
    await w?.close();
  });

  step('shows the ranked Ready for sprint queue and a free slot', async () => {
    const res = await request(w.app.url).get('/api/queue').set(auth(dev1)).expect(200);
    expect(res.body.slot).toMatchObject({ state: 'free', ticket: null });
    expect(res.body.ready.map((r: { key: string }) => r.key)).toEqual(['QAOPS-1', 'QAOPS-2', 'QAOPS-3']);
  });

  step('refuses a pickup with not_designated before the rota names anyone', async () => {
    const res = await request(w.app.url).post('/api/pickups').set(auth(dev1)).expect(403);
    expect(res.body.code).toBe('not_designated');
  });

  step('lets the PO designate a developer for the active sprint', async () => {
    const res = await request(w.app.url).put('/api/rota').set(auth(po)).send({ accountId: USERS.dev1 }).expect(200);
    expect(res.body.designatedDeveloper).toEqual({ accountId: USERS.dev1, sprintId: SPRINT });
    await request(w.app.url).post('/api/pickups').set(auth(dev2)).expect(403);
  });

  step('an API pickup takes the top ticket: In Progress, assigned and in the active sprint in Jira', async () => {
    const res = await request(w.app.url).post('/api/pickups').set(auth(dev1)).expect(201);
    expect(res.body.key).toBe('QAOPS-1');
    const issue = await waitFor('QAOPS-1 to be in progress in Jira', () => {
      const i = w.sim.issue('QAOPS-1');
      return i && i.statusId === STATUS.inProgress && i.assignee === USERS.dev1 && i.sprintId === SPRINT ? i : null;
    });
    expect(issue?.key).toBe('QAOPS-1');
  });

  step('a second pickup is refused with slot_occupied, naming the ticket and what it waits for', async () => {
    const res = await request(w.app.url).post('/api/pickups').set(auth(dev1)).expect(409);
    expect(res.body.code).toBe('slot_occupied');
    expect(res.body.message).toContain('QAOPS-1');
    expect(res.body.message).toContain('deploy to D');
  });

  step('the service’s own changes echoed back by Jira create no violation and do not release the slot', async () => {
    await w.settled();
    await waitFor('the echoes to be processed', async () => {
      const t = await request(w.app.url).get('/api/tickets/QAOPS-1').set(auth(dev1));
      return t.body.ticket?.column === 'in_progress';
    });
    const violations = await request(w.app.url).get('/api/violations').set(auth(dev1)).expect(200);
    expect(violations.body).toEqual([]);
    const queue = await request(w.app.url).get('/api/queue').set(auth(dev1)).expect(200);
    expect(queue.body.slot).toMatchObject({ state: 'occupied', ticket: { key: 'QAOPS-1' }, waitingFor: 'deploy to D' });
  });

  step('a deploy to another environment and a failed deploy to D release nothing', async () => {
    const other = await request(w.app.url)
      .post('/api/deployments')
      .set(auth(ci))
      .send({ id: 'dep-c-1', environment: 'C', status: 'successful', issueKeys: ['QAOPS-1'] })
      .expect(202);
    expect(other.body.released).toEqual([]);
    const failed = await request(w.app.url)
      .post('/api/deployments')
      .set(auth(ci))
      .send({ id: 'dep-d-1', environment: 'D', status: 'failed', issueKeys: ['QAOPS-1'] })
      .expect(202);
    expect(failed.body.released).toEqual([]);
    await request(w.app.url).post('/api/pickups').set(auth(dev1)).expect(409);
  });

  step('a successful deploy to D whose key is only in a commit message releases the slot; its repeat changes nothing', async () => {
    const body = { id: 'dep-d-2', environment: 'd', status: 'successful', commits: [{ sha: 'abc123', message: 'QAOPS-1 fix rounding' }] };
    const res = await request(w.app.url).post('/api/deployments').set(auth(ci)).send(body).expect(202);
    expect(res.body).toMatchObject({ id: 'dep-d-2', issueKeys: ['QAOPS-1'], released: ['QAOPS-1'], duplicate: false });
    const again = await request(w.app.url).post('/api/deployments').set(auth(ci)).send(body).expect(200);
    expect(again.body).toMatchObject({ duplicate: true, released: [] });
  });

  step('the next pickup takes the second ticket', async () => {
    const res = await request(w.app.url).post('/api/pickups').set(auth(dev1)).expect(201);
    expect(res.body.key).toBe('QAOPS-2');
    await waitFor('QAOPS-2 to be in progress in Jira', () => w.sim.issue('QAOPS-2')?.statusId === STATUS.inProgress);
    const ticket = await request(w.app.url).get('/api/tickets/QAOPS-1').set(auth(dev1)).expect(200);
    expect(ticket.body.auditEvents.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['slot.pickup', 'slot.released']));
  });

  step('an admin release needs a reason, and a free slot answers slot_free', async () => {
    await request(w.app.url).post('/api/slot/release').set(auth(ADMIN_TOKEN)).send({}).expect(400);
    await request(w.app.url).post('/api/slot/release').set(auth(ADMIN_TOKEN)).send({ reason: 'shipped by hand' }).expect(200);
    const res = await request(w.app.url).post('/api/slot/release').set(auth(ADMIN_TOKEN)).send({ reason: 'again' }).expect(409);
    expect(res.body.code).toBe('slot_free');
  });
});
