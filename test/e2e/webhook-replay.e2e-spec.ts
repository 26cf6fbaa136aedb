import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { SECRET, STATUS, USERS, seedBug, startWorld, waitFor, type World } from '../support/jira-world';
import { ADMIN_TOKEN } from '../support/test-app';
import { story } from '../support/story';
import { bearer, tokenFor } from '../support/tokens';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Quarantined {
  id: number;
  event: string;
  issue: string | null;
  reason: string | null;
  attempts: number;
  received: string;
  jiraTimestamp: string | null;
}
interface AuditEvent {
  type: string;
  actor: string | null;
  data: Json;
}

const NO_PERMISSION = 'You do not have permission to view this board.';

/**
 * Quarantined webhooks (contract.md "Operating it"): listed for admins, replayed once, in the
 * issue's order, and never undoing newer state. The events are quarantined the way Jira makes it
 * happen: the service's board read is refused (403) while the event is applied.
 */
describe('replaying quarantined webhooks', () => {
  // QAOPS-81, Ready after the first step, is moved out of Ready by the second so that QAOPS-82 is the top
  const step = story('replaying quarantined webhooks');
  let w: World;
  let db: pg.Pool;
  const admin = bearer(ADMIN_TOKEN);

  const quarantined = async () => (await request(w.app.url).get('/api/webhooks/quarantined').set(admin).expect(200)).body as Quarantined[];
  const replay = (id: number) => request(w.app.url).post(`/api/webhooks/${id}/replay`).set(admin);
  const events = async (key: string): Promise<AuditEvent[]> => {
    const res = await request(w.app.url).get(`/api/tickets/${key}`).set(admin);
    return res.status === 200 ? res.body.auditEvents : [];
  };
  const queue = async () => (await request(w.app.url).get('/api/queue').set(admin).expect(200)).body;
  const rowStatus = async (id: number) => (await db.query('SELECT status FROM webhook_event WHERE id = $1', [id])).rows[0].status as string;
  /** Jira refuses the reads that tell whether an issue is on the QA/Operations board (board issues and its filter's search). */
  const boardReadRefused = () => {
    for (const pathIncludes of ['/rest/agile/1.0/board/1/issue', '/rest/api/3/search/jql'])
      w.sim.failFor(60_000, { status: 403, body: { errorMessages: [NO_PERMISSION] }, match: { pathIncludes } });
  };
  /** Jira moves `key` and the webhook is quarantined (the board read it needs is refused); returns the quarantined entry. */
  const quarantinedMove = async (key: string, statusId: string, by: string): Promise<Quarantined> => {
    await w.sim.idle();
    boardReadRefused();
    try {
      w.sim.transition(key, statusId, by);
      return (await waitFor(`the move of ${key} to be quarantined`, async () => (await quarantined()).find((q) => q.issue === key) ?? null))!;
    } finally {
      w.sim.clearFaults();
    }
  };

  beforeAll(async () => {
    w = await startWorld();
    db = new pg.Pool({ connectionString: w.app.db.url, max: 2 });
    const po = await tokenFor(w.app.url, 'po');
    await request(w.app.url).put('/api/rota').set(bearer(po)).send({ accountId: USERS.dev1 }).expect(200);
  });
  afterAll(async () => {
    await db?.end();
    await w?.close();
  });

  step('replaying a pickup older than what the service learned since does not undo the newer status: no pickup, the slot stays free', async () => {
    seedBug(w.sim, { key: 'QAOPS-81', statusId: STATUS.ready }); // the only ticket in Ready: applied in time, this move would be a valid pickup
    const older = await quarantinedMove('QAOPS-81', STATUS.inProgress, USERS.dev1);
    expect(older).toMatchObject({ event: 'jira:issue_updated', issue: 'QAOPS-81', attempts: 1 });
    expect(older.reason).toContain(NO_PERMISSION);
    w.sim.transition('QAOPS-81', STATUS.ready, USERS.dev1); // dev1 thinks better of it: newer, applied normally
    await waitFor('QAOPS-81 to be tracked in Ready', async () =>
      (await events('QAOPS-81')).some((e) => e.type === 'ticket.status_changed' && e.data.toId === STATUS.ready),
    );

    await replay(older.id).expect(200);
    await waitFor('the replayed event to be processed', async () => (await rowStatus(older.id)) === 'processed');
    const record = await events('QAOPS-81');
    expect(record.filter((e) => e.type === 'webhook.stale_ignored')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ toId: STATUS.inProgress }) }),
    ]);
    expect(record.filter((e) => e.type === 'slot.pickup' || e.type === 'violation')).toEqual([]);
    const t = (await request(w.app.url).get('/api/tickets/QAOPS-81').set(admin).expect(200)).body;
    expect(t.ticket).toMatchObject({ statusId: STATUS.ready, column: 'ready' });
    expect(t.jiraChanges.pending.length + t.jiraChanges.done.length + t.jiraChanges.failed.length).toBe(0);
    expect((await queue()).slot.state).toBe('free');
    await w.sim.idle();
    expect(w.sim.issue('QAOPS-81')).toMatchObject({ statusId: STATUS.ready, assignee: null });
  });

  step('a quarantined pickup replayed after Jira answers again is applied once: two replays at once give one 200 and one 409 not_quarantined', async () => {
    w.sim.transition('QAOPS-81', STATUS.triage, USERS.po); // out of Ready: QAOPS-82 will be the top
    await waitFor('QAOPS-81 to be in Triage', async () => (await events('QAOPS-81')).some((e) => e.data.toId === STATUS.triage));
    seedBug(w.sim, { key: 'QAOPS-82', statusId: STATUS.ready });
    const event = await quarantinedMove('QAOPS-82', STATUS.inProgress, USERS.dev1);
    expect((await queue()).slot.state).toBe('free');

    const answers = await Promise.all([replay(event.id), replay(event.id)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('not_quarantined');
    expect(answers.find((a) => a.status === 200)!.body).toMatchObject({ id: event.id, status: 'pending', issue: 'QAOPS-82' });
    await waitFor('QAOPS-82 to hold the slot', async () => (await queue()).slot.ticket?.key === 'QAOPS-82');
    await waitFor('the pickup to be completed in Jira', () => w.sim.issue('QAOPS-82')?.assignee === USERS.dev1);
    await w.sim.idle();
    // a replay once it has been applied, and while the processor may still be at it: refused, never applied again
    const late = await replay(event.id).expect(409);
    expect(late.body).toMatchObject({ code: 'not_quarantined', message: `Webhook ${event.id} is not quarantined: it was applied already` });
    await new Promise((r) => setTimeout(r, 700)); // more than a processor poll: a second application would show now
    const record = await events('QAOPS-82');
    expect(record.filter((e) => e.type === 'slot.pickup')).toHaveLength(1);
    expect(record.filter((e) => e.type === 'ticket.status_changed' && e.data.toId === STATUS.inProgress)).toHaveLength(1);
    expect(record.filter((e) => e.type === 'webhook.replayed')).toEqual([
      expect.objectContaining({ actor: 'admin-token', data: expect.objectContaining({ webhookId: String(event.id), previousAttempts: 1 }) }),
    ]);
    expect(record.filter((e) => e.type === 'webhook.replayed')[0].data.previousReason).toContain(NO_PERMISSION);
    expect(await rowStatus(event.id)).toBe('processed');
    expect((await quarantined()).map((q) => q.id)).not.toContain(event.id);
  });

  it('a malformed event replayed is quarantined again with its reason (a fresh count of attempts)', async () => {
    seedBug(w.sim, { key: 'QAOPS-83', statusId: STATUS.triage });
    const issue = w.sim.issue('QAOPS-83')!;
    const body = JSON.stringify({
      timestamp: Date.now(),
      webhookEvent: 'jira:issue_updated',
      user: { accountId: USERS.po },
      issue: { id: issue.id, key: 'QAOPS-83' },
      changelog: { id: '1', items: [] },
    });
    await request(w.app.url)
      .post('/webhooks/jira')
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature', `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`)
      .set('X-Atlassian-Webhook-Identifier', randomUUID())
      .send(body)
      .expect(202);
    const entry = (await waitFor(
      'the malformed event to be quarantined',
      async () => (await quarantined()).find((q) => q.reason?.includes('issue.fields is missing')) ?? null,
    ))!;
    await replay(entry.id).expect(200);
    await waitFor('the replayed event to be quarantined again', async () => (await rowStatus(entry.id)) === 'quarantined');
    expect((await quarantined()).find((q) => q.id === entry.id)).toMatchObject({ attempts: 1, reason: expect.stringContaining('issue.fields is missing') });
    expect((await events('QAOPS-83')).filter((e) => e.type === 'webhook.quarantined' && e.data.webhookId === String(entry.id))).toHaveLength(2);
  });

  it('a quarantined sprint event older than a sprint event already applied is refused with 409 superseded', async () => {
    const insert = async (status: string, ts: number) =>
      (
        await db.query(
          `INSERT INTO webhook_event (dedupe_key, event_type, order_key, jira_timestamp, body, received_at, status, attempts, next_attempt_at, error)
       VALUES ($1, 'sprint_started', 'sprints', $2, $3, now(), $4, 1, now(), $5) RETURNING id`,
          [randomUUID(), ts, { webhookEvent: 'sprint_started', timestamp: ts, sprint: { id: 99 } }, status, status === 'quarantined' ? 'Error: crafted' : null],
        )
      ).rows[0].id as string;
    const old = Number(await insert('quarantined', 1_000));
    await insert('processed', 2_000);
    const res = await replay(old).expect(409);
    expect(res.body.code).toBe('superseded');
    expect(await rowStatus(old)).toBe('quarantined');
  });

  it('unknown ids are 404 not_found', async () => {
    for (const id of ['987654', 'abc']) expect((await request(w.app.url).post(`/api/webhooks/${id}/replay`).set(admin)).status).toBe(404);
  });
});
