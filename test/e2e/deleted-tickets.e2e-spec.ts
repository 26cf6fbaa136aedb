import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import request from 'supertest';
import { STATUS, USERS, seedBug, startWorld, waitFor, type World } from '../support/jira-world';
import { story } from '../support/story';
import { ADMIN_TOKEN } from '../support/test-app';
import { bearer as auth, tokenFor } from '../support/tokens';

/** A ticket deleted in Jira (jira:issue_deleted) is tracked no longer, and cannot hold the slot. */
describe('tickets deleted in Jira', () => {
  const step = story('tickets deleted in Jira');
  let w: World;
  let dev: string;
  let po: string;
  const ticket = async (key: string) => (await request(w.app.url).get(`/api/tickets/${key}`).set(auth(ADMIN_TOKEN)).expect(200)).body;
  const queue = async () => (await request(w.app.url).get('/api/queue').set(auth(po)).expect(200)).body;

  beforeAll(async () => {
    w = await startWorld();
    for (const key of ['QAOPS-81', 'QAOPS-82', 'QAOPS-83']) seedBug(w.sim, { key, summary: key, statusId: STATUS.ready });
    dev = await tokenFor(w.app.url, 'developer', USERS.dev1);
    po = await tokenFor(w.app.url, 'po');
    await request(w.app.url).put('/api/rota').set(auth(po)).send({ accountId: USERS.dev1 }).expect(200);
  });
  afterAll(async () => {
    await w?.close();
  });

  step('deleting the ticket in the slot frees the slot (cancelled) and nudges the next one; its history stays', async () => {
    expect((await request(w.app.url).post('/api/pickups').set(auth(dev)).expect(201)).body.key).toBe('QAOPS-81');
    await waitFor('QAOPS-81 in progress and tracked', async () => w.sim.issue('QAOPS-81')?.statusId === STATUS.inProgress && (await ticket('QAOPS-81')).ticket);
    await w.settled();
    w.sim.deleteIssue('QAOPS-81', USERS.po);
    await waitFor('the slot freed', async () => (await queue()).slot.state === 'free');
    const page = await ticket('QAOPS-81');
    expect(page.ticket).toBeNull();
    expect(page.auditEvents.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['slot.pickup', 'ticket.deleted', 'slot.released']));
    expect(page.auditEvents.find((e: { type: string }) => e.type === 'slot.released').data).toMatchObject({ reason: 'cancelled', cause: 'deleted in Jira' });
    await waitFor('the nudge on the next ticket', () => w.sim.comments('QAOPS-82').some((c) => c.text.includes('QAOPS-82 is next for you')));
    expect((await request(w.app.url).post('/api/pickups').set(auth(dev)).expect(201)).body.key).toBe('QAOPS-82');
    await w.settled();
  });

  step('deleting a ticket outside the slot changes nothing else', async () => {
    w.sim.editIssue('QAOPS-83', { summary: 'Soon deleted' }, USERS.po);
    await waitFor('QAOPS-83 tracked', async () => (await ticket('QAOPS-83')).ticket?.summary === 'Soon deleted');
    w.sim.deleteIssue('QAOPS-83', USERS.po);
    await waitFor('QAOPS-83 tracked no longer', async () => (await ticket('QAOPS-83')).ticket === null);
    await w.settled();
    expect((await queue()).slot).toMatchObject({ state: 'occupied', ticket: { key: 'QAOPS-82' } });
  });
});
