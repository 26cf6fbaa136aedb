import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import pg from 'pg';
import request from 'supertest';
import { JiraSimulator } from '../../jira-sim';
import { SECRET, STATUS, USERS, jiraEnv, seedSimulator, waitFor, seedBug } from '../support/jira-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { story } from '../support/story';
import { bearer as auth, tokenFor } from '../support/tokens';

/** Two service instances on one database, one Jira: racing pickups must leave exactly one ticket in the slot. */
describe('racing pickups', () => {
  // the second race starts from the first one's winner: it releases the slot and finishes QAOPS-31
  const step = story('racing pickups');
  let sim: JiraSimulator;
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let dev: string;

  const openSlots = async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const rows = await client.query(`SELECT ticket_key FROM slot_occupancy WHERE released_at IS NULL`);
    await client.end();
    return rows.rows.map((r) => r.ticket_key as string);
  };
  const violationCount = async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const rows = await client.query('SELECT count(*) AS n FROM violation');
    await client.end();
    return Number(rows.rows[0].n);
  };
  const inProgress = () => ['QAOPS-31', 'QAOPS-32', 'QAOPS-33', 'QAOPS-34'].filter((k) => sim.issue(k)?.statusId === STATUS.inProgress);

  beforeAll(async () => {
    sim = new JiraSimulator({ email: 'svc@example.com', apiToken: 'sim-token', serviceAccountId: USERS.service, webhookSecret: SECRET });
    seedSimulator(sim);
    for (const key of ['QAOPS-31', 'QAOPS-32', 'QAOPS-33', 'QAOPS-34']) seedBug(sim, { key, summary: key, statusId: STATUS.ready });
    await sim.start();
    db = await createTestDatabase();
    a = await startTestApp(jiraEnv(sim), db);
    b = await startTestApp(jiraEnv(sim), db);
    sim.setWebhookUrl(`${a.url}/webhooks/jira`);
    dev = await tokenFor(a.url, 'developer', USERS.dev1);
    const po = await tokenFor(a.url, 'po');
    await request(a.url).put('/api/rota').set(auth(po)).send({ accountId: USERS.dev1 }).expect(200);
  });
  afterAll(async () => {
    sim?.setWebhookUrl(undefined);
    await a?.close();
    await b?.close();
    await sim?.stop();
    await db?.drop();
  });

  step('20 concurrent API pickups across two instances: one 201, nineteen 409 slot_occupied, one ticket in the slot and in progress', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(i % 2 ? a.url : b.url)
          .post('/api/pickups')
          .set(auth(dev)),
      ),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409 && r.body.code === 'slot_occupied')).toHaveLength(19);
    expect(await openSlots()).toEqual(['QAOPS-31']);
    await waitFor('QAOPS-31 in progress', () => inProgress().includes('QAOPS-31'));
    await sim.idle();
    expect(inProgress()).toEqual(['QAOPS-31']);
    expect(sim.writes({ pathIncludes: '/issue/QAOPS-31/transitions' })).toHaveLength(1);
  });

  step('an API pickup racing a Jira-side move ends with exactly one ticket in the slot and in progress', async () => {
    const admin = await tokenFor(a.url, 'admin');
    await request(b.url).post('/api/slot/release').set(auth(admin)).send({ reason: 'race test' }).expect(200);
    sim.transition('QAOPS-31', STATUS.done, USERS.dev1);
    await sim.idle();
    // the top of Ready is now QAOPS-32: the API asks for it while the developer drags it in Jira
    const racing = request(a.url).post('/api/pickups').set(auth(dev));
    sim.transition('QAOPS-32', STATUS.inProgress, USERS.dev1);
    const api = await racing;
    expect([201, 409]).toContain(api.status);
    await waitFor('the race to settle', async () => (await openSlots()).length === 1 && inProgress().length === 1);
    await new Promise((r) => setTimeout(r, 500));
    await sim.idle();
    // whichever won, the loser was refused or reverted: the slot and Jira agree on one ticket
    const slot = await openSlots();
    expect(slot).toHaveLength(1);
    expect(inProgress()).toEqual(slot);
    expect(['QAOPS-32', 'QAOPS-33']).toContain(slot[0]);
  });

  it('webhooks delivered to both instances at once are applied once, and enforcement happens once', async () => {
    // a fan-out in front of the two instances: every delivery reaches both, concurrently
    const fanOut = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const body = Buffer.concat(chunks);
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.startsWith('x-') || k === 'content-type')) as Record<string, string>;
        const answers = await Promise.all([a, b].map((app) => fetch(`${app.url}/webhooks/jira`, { method: 'POST', headers, body })));
        res.writeHead(answers.every((r) => r.status === 202) ? 202 : 500).end();
      });
    });
    await new Promise<void>((r) => fanOut.listen(0, '127.0.0.1', () => r()));
    sim.setWebhookUrl(`http://127.0.0.1:${(fanOut.address() as { port: number }).port}/`);
    try {
      const before = await violationCount();
      sim.transition('QAOPS-34', STATUS.inProgress, USERS.dev2); // the slot is held and dev2 is not designated: a violation
      await waitFor('QAOPS-34 to be moved back', () => sim.issue('QAOPS-34')?.statusId === STATUS.ready);
      await sim.idle();
      await new Promise((r) => setTimeout(r, 500));
      expect(await violationCount()).toBe(before + 1);
      expect(sim.writes({ pathIncludes: '/issue/QAOPS-34/transitions' })).toHaveLength(1);
      expect(sim.comments('QAOPS-34')).toHaveLength(1);
    } finally {
      sim.setWebhookUrl(`${a.url}/webhooks/jira`);
      await new Promise((r) => fanOut.close(() => r(undefined)));
    }
  });
});
