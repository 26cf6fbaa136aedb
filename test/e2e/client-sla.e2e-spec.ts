import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { slaMetric } from '../../jira-sim';
import { ClientSlaWatch } from '../../src/service-desk/client-sla.watch';
import { ThirdLineTargets } from '../../src/service-desk/third-line-targets.monitor';
import type { SetBackClock } from '../../src/common/set-back-clock';
import { startClockedWorld } from '../support/clocked-world';
import { waitFor, type World } from '../support/jira-world';
import { NotificationReceiver } from '../support/notification-receiver';
import { outboxesQuiet } from '../support/outboxes';
import { story } from '../support/story';
import { bearer as auth, tokenFor } from '../support/tokens';

const MIN = 60_000;
const HOUR = 60 * MIN;
const CHECK_SECONDS = 300;

interface Entry {
  name: string;
  state: string;
  breachAt: string | null;
  remainingMs: number | null;
  source: string;
  serviceDeskKey?: string;
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
  const slaReads = () => w.sim.requests.filter((r) => r.method === 'GET' && /^\/rest\/servicedeskapi\/request\/[^/]+\/sla$/.test(r.path));
  const notes = (key: string, about: string) => w.sim.comments(key).filter((c) => !c.public && c.text.includes(about));
  const jsmEntries = async (): Promise<Entry[]> => (await api().get(`/api/tickets/${bug}`).set(auth(support)).expect(200)).body.sla as Entry[];
  const events = () =>
    receiver
      .accepted()
      .filter((r) => String(r.body.event).startsWith('sla_'))
      .map((r) => `${String(r.body.event)} ${String(r.body.serviceDeskKey)} ${String(r.body.metric)}`);
  const pass = async (atMs: number) => {
    w.clock.moveTo(new Date(t0 + atMs));
    const result = await w.app.app.get(ClientSlaWatch).check();
    await outboxesQuiet(w.sim, db);
    return result;
  };

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
    await w.sim.idle();
    await outboxesQuiet(w.sim, db);
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
    expect(slaReads()).toEqual([]);
  });

  step('the first pass reads each client ticket once; the ticket shows each clock as JSM reports it, beside the 3rd-line targets', async () => {
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
    expect(notes('SUP-51', 'of this request at risk')).toHaveLength(1);
    expect((await jsmEntries()).find((e) => e.serviceDeskKey === 'SUP-51' && e.name === 'Time to resolution')).toMatchObject({ state: 'running' });
    await pass(8 * HOUR + MIN);
    await pass(8 * HOUR + 7 * MIN);
    await waitFor('the breach notification', () => events().length === 3);
    expect(events()).toEqual(['sla_breached SUP-53 Time to resolution', 'sla_at_risk SUP-51 Time to resolution', 'sla_breached SUP-51 Time to resolution']);
    expect(notes('SUP-51', 'of this request breached')).toHaveLength(1);
    expect(notes('SUP-53', 'of this request breached')).toHaveLength(1);
    expect(notes('SUP-52', 'JSM reports')).toEqual([]);
  });

  step('JSM answers 429: the pass stops, and no read is made until its Retry-After has passed', async () => {
    w.sim.failNext(1, { status: 429, retryAfterSeconds: 600, match: { method: 'GET', pathIncludes: '/sla' } });
    expect(await pass(10 * HOUR)).toMatchObject({ failed: 1, backedOff: true });
    const before = slaReads().length;
    expect(await pass(10 * HOUR + 5 * MIN)).toEqual({ read: 0, fresh: 0, failed: 0, backedOff: true });
    expect(slaReads()).toHaveLength(before);
    expect(await pass(10 * HOUR + 11 * MIN)).toMatchObject({ failed: 0, backedOff: false });
    expect(slaReads().length).toBeGreaterThan(before);
  });
});
