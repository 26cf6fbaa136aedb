import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { JiraSimulator } from '../../jira-sim';
import { SECRET, STATUS, USERS, jiraEnv, seedSimulator, waitFor, seedBug } from '../support/jira-world';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { tokenFor } from '../support/tokens';

interface Change {
  kind: string;
  status: string;
  attempts: number;
  error: string | null;
  outcome: string | null;
}
interface TicketView {
  jiraChanges: { pending: Change[]; failed: Change[]; done: Change[] };
}

const RULE_TEXT = 'only the top-ranked ticket of Ready for sprint may be picked up';

/** A decided Jira change survives a restart of the service while Jira is failing: it lands once, after the restart. */
describe('the outbox across a restart mid-retry', () => {
  let sim: JiraSimulator;
  let db: TestDatabase;
  let current: TestApp | undefined;
  const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
  const ticket = async (app: TestApp, key: string): Promise<TicketView | null> => {
    const res = await request(app.url).get(`/api/tickets/${key}`).set(auth);
    return res.status === 200 ? (res.body as TicketView) : null;
  };
  const commandRows = async (key: string) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query('SELECT kind, status, attempts, last_error FROM jira_change WHERE ordering_key = $1 ORDER BY id', [key])).rows as {
        kind: string;
        status: string;
        attempts: number;
        last_error: string | null;
      }[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    sim = new JiraSimulator({ email: 'svc@example.com', apiToken: 'sim-token', serviceAccountId: USERS.service, webhookSecret: SECRET });
    seedSimulator(sim);
    for (const key of ['QAOPS-51', 'QAOPS-52', 'QAOPS-53']) seedBug(sim, { key, summary: `bug ${key}`, statusId: STATUS.ready });
    await sim.start();
    db = await createTestDatabase();
    current = await startTestApp(jiraEnv(sim), db);
    sim.setWebhookUrl(`${current.url}/webhooks/jira`);
    const po = await tokenFor(current.url, 'po');
    await request(current.url)
      .put('/api/rota')
      .set({ Authorization: `Bearer ${po}` })
      .send({ accountId: USERS.dev1 })
      .expect(200);
  });
  afterAll(async () => {
    sim?.setWebhookUrl(undefined);
    await current?.close();
    await sim?.stop();
    await db?.drop();
  });

  /** Jira's answers are slow or failing; the service is restarted, and on the new instance the revert and its comment land once. */
  const restart = async (key: string) => {
    sim.setWebhookUrl(undefined);
    await current!.close();
    const stored = await commandRows(key);
    sim.clearFaults();
    current = await startTestApp(jiraEnv(sim), db);
    sim.setWebhookUrl(`${current.url}/webhooks/jira`);
    return stored;
  };
  const landsOnce = async (key: string) => {
    const app = current!;
    await waitFor(`${key} to be moved back to Ready`, () => sim.issue(key)?.statusId === STATUS.ready, 8_000);
    const view = (await waitFor(
      'both changes to be done',
      async () => {
        const v = await ticket(app, key);
        return v && v.jiraChanges.done.length === 2 ? v : null;
      },
      8_000,
    ))!;
    await sim.idle();
    expect(view.jiraChanges.pending).toEqual([]);
    expect(view.jiraChanges.failed).toEqual([]);
    expect(sim.writes({ pathIncludes: `/issue/${key}/transitions` })).toHaveLength(1);
    expect(sim.comments(key).filter((c) => c.text.includes(RULE_TEXT))).toHaveLength(1);
    expect((await commandRows(key)).map((c) => `${c.kind}:${c.status}`)).toEqual(['transition:done', 'comment:done']);
  };

  it('a revert decided while Jira answers 503 (then 429, Retry-After: 3) is still pending after a restart and then lands exactly once', async () => {
    const writes = { method: 'POST', pathIncludes: '/rest/api/3/issue/QAOPS-52/' };
    sim.failNext(2, { status: 503, match: writes });
    sim.failNext(1, { status: 429, retryAfterSeconds: 3, match: writes });
    sim.transition('QAOPS-52', STATUS.inProgress, USERS.dev1); // not the top-ranked ticket: the service decides to move it back
    await waitFor(
      'the revert to wait for Jira’s Retry-After',
      async () => {
        const view = await ticket(current!, 'QAOPS-52');
        return view?.jiraChanges.pending.some((c) => c.kind === 'transition' && c.status === 'pending' && c.attempts >= 2 && c.error?.includes('429'));
      },
      8_000,
    );
    expect(sim.requests.filter((r) => r.path.includes('/issue/QAOPS-52/transitions') && r.status === 503).length).toBeGreaterThanOrEqual(1);
    expect(sim.writes({ pathIncludes: '/issue/QAOPS-52/' })).toHaveLength(0);

    const stored = await restart('QAOPS-52');
    expect(stored.map((c) => `${c.kind}:${c.status}`)).toEqual(['transition:pending', 'comment:pending']);
    expect(sim.issue('QAOPS-52')?.statusId).toBe(STATUS.inProgress);
    await landsOnce('QAOPS-52');
  });

  // The worker stops before the database closes (beforeApplicationShutdown), so the call in flight records its outcome.
  it('a restart while a Jira call is in flight leaves the change pending (not claimed) and it lands exactly once on the next instance', async () => {
    sim.failFor(20_000, { status: 503, delayMs: 600, match: { method: 'POST', pathIncludes: '/rest/api/3/issue/QAOPS-53/' } });
    sim.transition('QAOPS-53', STATUS.inProgress, USERS.dev1);
    await waitFor(
      'the revert to be in flight to Jira',
      () => sim.requests.some((r) => r.method === 'POST' && r.path.includes('/issue/QAOPS-53/transitions') && r.faulted && r.status === 0),
      8_000,
    );
    const stored = await restart('QAOPS-53');
    expect(stored.map((c) => `${c.kind}:${c.status}`)).toEqual(['transition:pending', 'comment:pending']);
    await landsOnce('QAOPS-53');
  });
});
