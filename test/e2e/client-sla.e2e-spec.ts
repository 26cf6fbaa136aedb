import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { slaMetric } from '../../jira-sim';
import { ClientSlaWatch } from '../../src/service-desk/client-sla.watch';
import { ThirdLineTargets } from '../../src/service-desk/third-line-targets.monitor';
import type { SetBackClock } from '../../src/common/set-back-clock';
import { startClockedWorld } from '../support/clocked-world';
import { USERS, waitFor, type World } from '../support/jira-world';
import { NotificationReceiver } from '../support/notification-receiver';
import { outboxesQuiet } from '../support/outboxes';
import { story } from '../support/story';
import { bearer as auth, tokenFor } from '../support/tokens';

const MIN = 60_000;
const HOUR = 60 * MIN;
const CHECK_SECONDS = 300;
const SLA_PATH = /^\/rest\/servicedeskapi\/request\/[^/]+\/sla$/;

interface Entry {
  name: string;
  state: string;
  breachAt: string | null;
  remainingMs: number | null;
  source: string;
  serviceDeskKey?: string;
}

/** One pass of the client SLA watch with the clocks at `at`, and everything it decided sent to Jira. */
async function passAt(w: World & { clock: SetBackClock }, db: pg.Pool, at: Date) {
  w.clock.moveTo(at);
  const result = await w.app.app.get(ClientSlaWatch).check();
  await outboxesQuiet(w.sim, db);
  return result;
}

/**
 * contract.md "the client SLA is JSM's": one bug reported by three clients, each client ticket with its
 * own clocks in JSM (running, paused, met, breached). The service shows what JSM reports, tells at-risk
 * and breached once per clock cycle, calls nothing breached that JSM does not, reads only what can have
 * changed, and backs off when JSM answers 429.
 */
describe('the client SLA, as JSM keeps it', () => {
  const step = story('the client SLA from JSM');
  let w: World & { clock: SetBackClock };
  let db: pg.Pool;
  let receiver: NotificationReceiver;
  let support: string;
  let bug = '';
  let t0 = 0;
  const api = () => request(w.app.url);
  const slaReads = () => w.sim.requests.filter((r) => r.method === 'GET' && SLA_PATH.test(r.path));
  const notes = (key: string, about: string) => w.sim.comments(key).filter((c) => !c.public && c.text.includes(about));
  const jsmEntries = async (): Promise<Entry[]> => (await api().get(`/api/tickets/${bug}`).set(auth(support)).expect(200)).body.sla as Entry[];
  const events = () =>
    receiver
      .accepted()
      .filter((r) => String(r.body.event).startsWith('sla_'))
      .map((r) => `${String(r.body.event)} ${String(r.body.serviceDeskKey)} ${String(r.body.metric)}`);
  const pass = (atMs: number) => passAt(w, db, new Date(t0 + atMs));

  beforeAll(async () => {
    receiver = new NotificationReceiver();
    const url = await receiver.start();
    // the 3rd-line targets are zero, so they are missed at once: they must not be told where JSM keeps an SLA
    w = await startClockedWorld(new Date(Date.now() - 3 * 24 * HOUR), {
      NOTIFY_WEBHOOK_URLS: url,
      NOTIFY_BASE_DELAY_MS: '50',
      SLA_TARGETS: 'High=0m/0m',
      SLA_CHECK_SECONDS: String(CHECK_SECONDS),
      SLA_WARN_AT: '0.8',
    });
    db = new pg.Pool({ connectionString: w.app.db.url, max: 2 });
    for (const key of ['SUP-51', 'SUP-52', 'SUP-53']) {
      w.sim.seedIssue({ key, project: 'SUP', summary: `Exports fail (${key})`, statusId: '1', issueType: 'Bug', priority: 'High' });
    }
    support = await tokenFor(w.app.url, 'support');
    bug = (await api().post('/api/escalations').set(auth(support)).send({ serviceDeskKey: 'SUP-51' }).expect(201)).body.triageKey;
    await waitFor('the bug to be tracked', async () => (await api().get(`/api/tickets/${bug}`).set(auth(support))).body?.ticket);
    for (const key of ['SUP-52', 'SUP-53'])
      await api().post(`/api/tickets/${bug}/service-desk-links`).set(auth(support)).send({ serviceDeskKey: key }).expect(201);
    await w.settled(); // the links made and their webhooks applied: a late one must not detach a ticket attached after its read
    t0 = w.clock.now().getTime();
    const started = t0 - 2 * HOUR;
    w.sim.setSla('SUP-51', [
      slaMetric.met('1', 'Time to first response', { startedAt: started, stoppedAt: started + 30 * MIN, goalMs: HOUR }),
      slaMetric.running('2', 'Time to resolution', { startedAt: started, goalMs: 10 * HOUR, elapsedMs: 2 * HOUR }),
    ]);
    // waiting for the customer: paused, with little of its goal left, which is no risk while it does not count
    w.sim.setSla('SUP-52', [slaMetric.paused('2', 'Time to resolution', { startedAt: started - 3 * HOUR, goalMs: 4 * HOUR, elapsedMs: 3.9 * HOUR })]);
    w.sim.setSla('SUP-53', [slaMetric.breached('2', 'Time to resolution', { startedAt: started - 4 * HOUR, goalMs: 4 * HOUR, elapsedMs: 5 * HOUR })]);
  });
  afterAll(async () => {
    await db?.end();
    await w?.close();
    await receiver?.stop();
  });

  step('before JSM is read, the 3rd-line targets (zero, so missed) are not judged: it is not known yet whether JSM keeps an SLA', async () => {
    expect(await w.app.app.get(ThirdLineTargets).check()).toBe(0);
  });

  step('the first pass reads each client ticket once; the ticket shows each clock as JSM reports it, beside the 3rd-line targets', async () => {
    const record = (await api().get(`/api/tickets/${bug}`).set(auth(support)).expect(200)).body;
    expect((record.clientTickets as { key: string; detachedAt: string | null }[]).map((c) => `${c.key} ${c.detachedAt ?? 'hears'}`)).toEqual([
      'SUP-51 hears',
      'SUP-52 hears',
      'SUP-53 hears',
    ]);
    expect(await pass(0)).toEqual({ read: 3, fresh: 0, failed: 0, backedOff: false });
    expect(slaReads()).toHaveLength(3);
    const sla = await jsmEntries();
    const jsm = sla.filter((e) => e.source === 'jsm').map((e) => `${e.serviceDeskKey} ${e.name}: ${e.state}`);
    expect(jsm).toEqual([
      'SUP-51 Time to first response: met',
      'SUP-51 Time to resolution: running',
      'SUP-52 Time to resolution: paused',
      'SUP-53 Time to resolution: breached',
    ]);
    const running = sla.find((e) => e.serviceDeskKey === 'SUP-51' && e.state === 'running')!;
    // the clocks run with real time between the simulator's answer and this read: to the minute
    expect(Math.round(running.remainingMs! / MIN)).toBe(8 * 60);
    expect(Math.round((new Date(running.breachAt!).getTime() - t0) / MIN)).toBe(8 * 60);
    expect(sla.filter((e) => e.source === '3rd-line').map((e) => e.name)).toEqual([
      '3rd-line target: triage → pickup',
      '3rd-line target: triage → deployed to D',
    ]);
    const queue = await api().get('/api/queue').set(auth(support)).expect(200);
    const triaged = (queue.body.triage as { key: string; sla: Entry[] }[]).find((t) => t.key === bug)!;
    expect(triaged.sla.filter((e) => e.source === 'jsm')).toHaveLength(4);
  });

  step('the breached clock is told once, on its own client ticket; nothing for a paused or met clock', async () => {
    await waitFor('the breach notification', () => events().length === 1);
    expect(events()).toEqual(['sla_breached SUP-53 Time to resolution']);
    expect(notes('SUP-53', 'JSM reports the SLA "Time to resolution" of this request breached')).toHaveLength(1);
    for (const key of ['SUP-51', 'SUP-52']) expect(notes(key, 'JSM reports')).toEqual([]);
    for (const key of ['SUP-51', 'SUP-52', 'SUP-53']) expect(notes(key, 'missed')).toEqual([]);
  });

  step('the 3rd-line targets, missed at once, are recorded but not told where JSM keeps an SLA', async () => {
    w.clock.moveTo(new Date(t0 + MIN));
    expect(await w.app.app.get(ThirdLineTargets).check()).toBe(2);
    await outboxesQuiet(w.sim, db);
    expect(notes('SUP-51', '3rd-line target')).toEqual([]);
    const audit = ((await api().get(`/api/tickets/${bug}`).set(auth(support)).expect(200)).body.auditEvents as { type: string }[]).map((e) => e.type);
    expect(audit.filter((t) => t === 'target.missed')).toHaveLength(2);
    expect(receiver.accepted().filter((r) => String(r.body.event).startsWith('target_'))).toEqual([]);
  });

  step('within SLA_CHECK_SECONDS nothing is read again; after it, only the ticket with a running clock', async () => {
    expect(await pass(2 * MIN)).toEqual({ read: 0, fresh: 3, failed: 0, backedOff: false });
    expect(await pass(CHECK_SECONDS * 1000)).toEqual({ read: 1, fresh: 2, failed: 0, backedOff: false });
    expect(slaReads()).toHaveLength(4);
    expect(slaReads().at(-1)!.path).toContain('SUP-51');
  });

  step('the running clock past 80% of its goal is told at risk once, then breached once when JSM says so', async () => {
    // 8 h left at t0: 80% of 10 h is passed 6 h later (2 h left)
    await pass(6 * HOUR + MIN);
    await pass(6 * HOUR + 6 * MIN);
    await pass(6 * HOUR + 12 * MIN);
    await waitFor('the at-risk notification', () => events().length === 2);
    expect(notes('SUP-51', 'of this request is at risk')).toHaveLength(1);
    expect((await jsmEntries()).find((e) => e.serviceDeskKey === 'SUP-51' && e.name === 'Time to resolution')).toMatchObject({ state: 'running' });
    await pass(8 * HOUR + MIN);
    await pass(8 * HOUR + 7 * MIN);
    await waitFor('the breach notification', () => events().length === 3);
    expect(events()).toEqual(['sla_breached SUP-53 Time to resolution', 'sla_at_risk SUP-51 Time to resolution', 'sla_breached SUP-51 Time to resolution']);
    expect(notes('SUP-51', 'of this request breached')).toHaveLength(1);
    expect(notes('SUP-53', 'of this request breached')).toHaveLength(1);
    expect(notes('SUP-52', 'JSM reports')).toEqual([]);
  });
});

/**
 * The edges of reading JSM: what is not an SLA yet, what is not a request, what JSM will not show, a
 * deployed bug, a change told by a webhook, and
 * JSM's 429 (the pass stops: no read starts after it, for every instance).
 */
describe('the client SLA: reading JSM at its edges', () => {
  const step = story('the client SLA at its edges');
  let w: World & { clock: SetBackClock };
  let db: pg.Pool;
  let support: string;
  let t0 = 0;
  const api = () => request(w.app.url);
  const reads = (key?: string) =>
    w.sim.requests.filter((r) => r.method === 'GET' && SLA_PATH.test(r.path) && (key === undefined || r.path.includes(`/${key}/`)));
  const notes = (key: string, about: string) => w.sim.comments(key).filter((c) => !c.public && c.text.includes(about));
  const pass = (atMs: number) => passAt(w, db, new Date(t0 + atMs));
  const targets = async (atMs: number) => {
    w.clock.moveTo(new Date(t0 + atMs));
    await w.app.app.get(ThirdLineTargets).check();
    await outboxesQuiet(w.sim, db);
  };
  const escalate = async (key: string) => {
    const bug = (await api().post('/api/escalations').set(auth(support)).send({ serviceDeskKey: key }).expect(201)).body.triageKey as string;
    await waitFor(`${bug} to be tracked`, async () => (await api().get(`/api/tickets/${bug}`).set(auth(support))).body?.ticket);
    return bug;
  };
  const clientSla = async () => (await api().get('/api/sla').set(auth(support)).expect(200)).body.client as { serviceDeskKey: string; state: string }[];

  beforeAll(async () => {
    w = await startClockedWorld(new Date(Date.now() - 3 * 24 * HOUR), { SLA_TARGETS: 'High=0m/0m', SLA_CHECK_SECONDS: String(CHECK_SECONDS) });
    db = new pg.Pool({ connectionString: w.app.db.url, max: 2 });
    for (let n = 61; n <= 70; n++) {
      w.sim.seedIssue({ key: `SUP-${n}`, project: 'SUP', summary: `Statements late (SUP-${n})`, statusId: '1', issueType: 'Bug', priority: 'High' });
    }
    support = await tokenFor(w.app.url, 'support');
    t0 = w.clock.now().getTime();
    const started = t0 - HOUR;
    // SUP-61: its SLA not started (JSM starts it later); SUP-62: no SLA in JSM; SUP-63: JSM will not show it (403)
    w.sim.setSla('SUP-61', [slaMetric.notStarted('1', 'Time to resolution')]);
    w.sim.setSla('SUP-64', [slaMetric.paused('2', 'Time to resolution', { startedAt: started, goalMs: 8 * HOUR, elapsedMs: 30 * MIN })]);
    w.sim.setSla('SUP-65', [slaMetric.running('2', 'Time to resolution', { startedAt: started, goalMs: 8 * HOUR, elapsedMs: HOUR })]);
    for (const key of ['SUP-61', 'SUP-62', 'SUP-64', 'SUP-65']) await escalate(key);
    w.sim.failFor(2_000, { status: 403, match: { method: 'GET', path: '/rest/servicedeskapi/request/SUP-63/sla' } });
    await escalate('SUP-63');
    await w.sim.idle();
    await outboxesQuiet(w.sim, db);
  });
  afterAll(async () => {
    await db?.end();
    await w?.close();
  });

  step('an SLA JSM has not started counts as JSM keeping one: the 3rd-line targets are not told on that ticket; one with no SLA in JSM is', async () => {
    const first = await pass(0);
    expect(first).toMatchObject({ read: 4, failed: 1, backedOff: false });
    await targets(MIN);
    expect(notes('SUP-61', '3rd-line target missed')).toEqual([]);
    expect(notes('SUP-62', '3rd-line target missed')).toHaveLength(2);
  });

  step('JSM refusing to show a ticket (403) is not "no SLA": its 3rd-line targets are recorded, not told, and the reason is listed', async () => {
    expect(notes('SUP-63', '3rd-line target')).toEqual([]);
    const bug = (await api().get('/api/sla').set(auth(support))).body.client.find((c: { serviceDeskKey: string }) => c.serviceDeskKey === 'SUP-63').ticketKey;
    const audit = (await api().get(`/api/tickets/${bug}`).set(auth(support)).expect(200)).body.auditEvents as { type: string; data: { told?: boolean } }[];
    expect(audit.filter((e) => e.type === 'target.missed').map((e) => e.data.told)).toEqual([false, false]);
    const sla = await api().get('/api/sla').set(auth(support)).expect(200);
    expect(sla.body.client.find((c: { serviceDeskKey: string }) => c.serviceDeskKey === 'SUP-63')).toMatchObject({
      state: 'unreadable',
      error: expect.stringContaining('403'),
    });
  });

  step('a ticket whose clock is paused is read again as soon as Jira tells of a change to it, not an hour later, even after a 429', async () => {
    const before = reads('SUP-64').length;
    expect(await pass(CHECK_SECONDS * 1000)).toMatchObject({ read: 1 }); // SUP-65, running (SUP-63, refused, waits like a resting one)
    expect(reads('SUP-64')).toHaveLength(before);
    w.sim.setSla('SUP-64', [slaMetric.running('2', 'Time to resolution', { startedAt: t0 - HOUR, goalMs: 8 * HOUR, elapsedMs: 30 * MIN })]);
    w.sim.addComment('SUP-64', 'Here is the export you asked for.', USERS.support); // the customer answered: JSM resumes the clock
    await w.sim.idle();
    await outboxesQuiet(w.sim, db);
    // JSM refuses that read (429): the change is not forgotten, it is read once the wait is over
    w.sim.failNext(1, { status: 429, retryAfterSeconds: 60, match: { method: 'GET', path: '/rest/servicedeskapi/request/SUP-64/sla' } });
    expect(await pass(CHECK_SECONDS * 1000 + MIN)).toMatchObject({ read: 0, failed: 1, backedOff: true });
    expect((await clientSla()).find((c) => c.serviceDeskKey === 'SUP-64')).toMatchObject({ state: 'paused' });
    await pass(CHECK_SECONDS * 1000 + 3 * MIN);
    expect(reads('SUP-64')).toHaveLength(before + 2);
    expect((await clientSla()).find((c) => c.serviceDeskKey === 'SUP-64')).toMatchObject({ state: 'running' });
  });

  step('a deployed bug whose client clock still runs is read until JSM stops the clock, then never again', async () => {
    const bug = (await api().get('/api/sla').set(auth(support))).body.client.find((c: { serviceDeskKey: string }) => c.serviceDeskKey === 'SUP-65').ticketKey;
    await db.query(`UPDATE service_desk_link SET resolved_at = $2 WHERE bug_key = $1`, [bug, new Date(t0 + 3 * MIN)]); // deployed to D
    const before = reads('SUP-65').length;
    await pass(2 * CHECK_SECONDS * 1000);
    expect(reads('SUP-65')).toHaveLength(before + 1); // its resolution clock is still running in JSM
    w.sim.setSla('SUP-65', [slaMetric.met('2', 'Time to resolution', { startedAt: t0 - HOUR, stoppedAt: t0 + 10 * MIN, goalMs: 8 * HOUR })]);
    await pass(3 * CHECK_SECONDS * 1000);
    expect(reads('SUP-65')).toHaveLength(before + 2); // read: met, nothing ongoing
    await pass(20 * CHECK_SECONDS * 1000);
    expect(reads('SUP-65')).toHaveLength(before + 2);
  });

  step("JSM's 429: no read starts after it in that pass, and no instance reads until its Retry-After has passed", async () => {
    // every ticket is due (resting ones after 12 periods): more than the 4 reads in flight at once
    w.sim.failFor(1_500, { status: 429, retryAfterSeconds: 600, match: { method: 'GET', pathIncludes: '/sla' } });
    const before = reads().length;
    const refused = await pass(40 * CHECK_SECONDS * 1000);
    expect(refused).toMatchObject({ read: 0, backedOff: true });
    expect(refused.failed).toBeLessThanOrEqual(4);
    expect(reads().length - before).toBe(refused.failed); // the rest of the due tickets were not read
    await new Promise((r) => setTimeout(r, 1_600));
    expect(await pass(40 * CHECK_SECONDS * 1000 + 5 * MIN)).toEqual({ read: 0, fresh: 0, failed: 0, backedOff: true });
    const [state] = (await db.query(`SELECT backoff_until FROM client_sla_watch`)).rows as { backoff_until: Date }[];
    expect(state.backoff_until.getTime() - (t0 + 40 * CHECK_SECONDS * 1000)).toBeGreaterThanOrEqual(600_000); // kept for every instance
    expect(await pass(40 * CHECK_SECONDS * 1000 + 11 * MIN)).toMatchObject({ backedOff: false, failed: 0 });
    expect(reads().length - before).toBeGreaterThan(refused.failed);
  });
});
