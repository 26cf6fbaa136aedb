import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChildProcess, spawn } from 'node:child_process';
import request from 'supertest';
import { JiraSimulator } from '../../jira-sim';
import { changesAppliedTwice, inboxSettled, outboxSettled, query } from '../support/chaos';
import { SECRET, STATUS, USERS, jiraEnv, seedBug, seedSimulator, waitFor } from '../support/jira-world';
import { freePort } from '../support/free-port';
import { ADMIN_TOKEN } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { bearer as auth } from '../support/tokens';

const BUGS = Array.from({ length: 16 }, (_, i) => `QAOPS-${201 + i}`);

/** The real service as a separate process (`node dist/src/main.js`), so that it can be killed with SIGKILL. */
describe('Jira failing for a while, and the service killed mid-stream', () => {
  let sim: JiraSimulator;
  let db: TestDatabase;
  let child: ChildProcess | undefined;
  let port: number;
  let url: string;

  const start = async () => {
    child = spawn(process.execPath, ['dist/src/main.js'], {
      env: { ...process.env, ...jiraEnv(sim, { RECONCILE_SECONDS: '0' }), DATABASE_URL: db.url, PORT: String(port), ADMIN_TOKEN, LOG_FORMAT: 'json' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await waitFor('the service to be healthy', async () => (await fetch(`${url}/health`).catch(() => null))?.status === 200, 30_000);
  };
  const settle = () =>
    waitFor(
      'inbox and outbox to settle',
      async () => {
        await sim.idle();
        return (await inboxSettled(db.url)) && (await outboxSettled(db.url));
      },
      30_000,
    );

  beforeAll(async () => {
    sim = new JiraSimulator({ email: 'svc@example.com', apiToken: 'sim-token', serviceAccountId: USERS.service, webhookSecret: SECRET });
    seedSimulator(sim);
    for (const key of BUGS) seedBug(sim, { key, statusId: STATUS.triage });
    await sim.start();
    db = await createTestDatabase();
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // like Jira, retry deliveries that fail while the service is down
    sim.setDelivery({ retryOnFailure: true, maxAttempts: 60, retryDelayMs: 250 });
    await start();
    sim.setWebhookUrl(`${url}/webhooks/jira`);
    await request(url).put('/api/rota').set(auth(ADMIN_TOKEN)).send({ accountId: USERS.dev1 }).expect(200);
  }, 120_000);
  afterAll(async () => {
    sim?.setWebhookUrl(undefined);
    child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await sim?.stop();
    await db?.drop();
  });

  it('with Jira answering 503 and 429 for a stretch, a pickup and a revert still land exactly once', async () => {
    for (const key of BUGS.slice(0, 4)) sim.transition(key, STATUS.ready, USERS.po);
    await settle();
    // every write by POST fails (the Ready for sprint read, a POST to /search/jql, is let through: a failed read refuses the pickup)
    sim.failFor(2500, { status: 503, match: { method: 'POST', pathIncludes: '/issue' } });
    sim.failFor(2500, { status: 429, retryAfterSeconds: 1, match: { method: 'PUT' } });
    const dev = await request(url).post('/api/tokens').set(auth(ADMIN_TOKEN)).send({ name: 'dev1', role: 'developer', accountId: USERS.dev1 }).expect(201);
    const pickup = await request(url).post('/api/pickups').set(auth(dev.body.token)).expect(201);
    sim.transition(BUGS[3], STATUS.inProgress, USERS.dev2);
    await settle();
    expect(sim.issue(pickup.body.key)).toMatchObject({ statusId: STATUS.inProgress, assignee: USERS.dev1 });
    expect(sim.issue(BUGS[3])?.statusId).toBe(STATUS.ready);
    expect(sim.requests.filter((r) => r.status === 503 || r.status === 429).length).toBeGreaterThan(0);
    expect(await changesAppliedTwice(db.url, sim, USERS.service)).toEqual([]);
    await request(url).post('/api/slot/release').set(auth(ADMIN_TOKEN)).send({ reason: 'next test' }).expect(200);
    sim.transition(pickup.body.key, STATUS.done, USERS.dev1);
    await settle();
  });

  it('killed with SIGKILL in the middle of a stream and restarted on the same database, nothing is lost or applied twice', async () => {
    const stream = BUGS.slice(4);
    for (const [i, key] of stream.entries()) {
      sim.transition(key, STATUS.ready, USERS.po);
      if (i === 3) sim.transition(stream[1], STATUS.inProgress, USERS.dev2); // a violation whose revert is in flight around the kill
      if (i === 5) child!.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 40));
    }
    await new Promise((r) => setTimeout(r, 500));
    await start();
    await settle();
    const reconcile = await request(url).post('/api/reconcile').set(auth(ADMIN_TOKEN)).expect(200);
    await settle();

    const tickets = await query<{ key: string; status_id: string }>(db.url, 'SELECT key, status_id FROM ticket');
    const known = new Map(tickets.map((t) => [t.key, t.status_id]));
    for (const key of stream) expect([key, known.get(key)]).toEqual([key, sim.issue(key)?.statusId]);
    expect(sim.issue(stream[1])?.statusId).toBe(STATUS.ready);
    const stored = await query<{ dedupe_key: string; n: string }>(
      db.url,
      'SELECT dedupe_key, count(*) AS n FROM webhook_event GROUP BY dedupe_key HAVING count(*) > 1',
    );
    expect(stored).toEqual([]);
    expect(await changesAppliedTwice(db.url, sim, USERS.service)).toEqual([]);
    const violations = await query<{ n: string }>(db.url, `SELECT count(*) AS n FROM violation WHERE ticket_key = $1`, [stream[1]]);
    expect(Number(violations[0].n)).toBe(1);

    console.log(
      `crash figures: ${JSON.stringify({ deliveries: sim.deliveries.length, failedDeliveries: sim.deliveries.filter((d) => d.status === 'error').length, reconcile: reconcile.body })}`,
    );
  });
});
