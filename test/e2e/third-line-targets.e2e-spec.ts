import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { ClientSlaWatch } from '../../src/service-desk/client-sla.watch';
import { ThirdLineTargets } from '../../src/service-desk/third-line-targets.monitor';
import { startClockedWorld } from '../support/clocked-world';
import { waitFor, type World } from '../support/jira-world';
import { NotificationReceiver } from '../support/notification-receiver';
import { outboxesQuiet } from '../support/outboxes';
import { story } from '../support/story';
import { bearer as auth, tokenFor } from '../support/tokens';
import type { SetBackClock } from '../../src/common/set-back-clock';

const MIN = 60_000;

/**
 * The 3rd-line targets checked with the clocks at `at`, after JSM was asked (it keeps no SLA for these
 * client tickets, so the targets are told), and everything decided sent to Jira.
 */
async function checkTargetsAt(w: World & { clock: SetBackClock }, db: pg.Pool, at: Date): Promise<void> {
  w.clock.moveTo(at);
  await w.app.app.get(ClientSlaWatch).check();
  await w.app.app.get(ThirdLineTargets).check();
  await outboxesQuiet(w.sim, db);
}

/** SLA_WARN_AT: one internal note and one notification per 3rd-line target before it is missed, then the miss. */
describe('3rd-line targets at risk: a warning at a fraction of each target, once per target', () => {
  // one clock moved forward step by step: each step counts the notes and notifications of the steps before
  const step = story('3rd-line target at risk');
  let w: World & { clock: SetBackClock };
  let receiver: NotificationReceiver;
  let db: pg.Pool;
  let escalatedAt: Date;
  let bug = '';
  const notes = (about: string) => w.sim.comments('SUP-31').filter((c) => !c.public && c.text.includes(about));
  const check = (minutesAfterEscalation: number) => checkTargetsAt(w, db, new Date(escalatedAt.getTime() + minutesAfterEscalation * MIN));
  const events = () =>
    receiver
      .accepted()
      .filter((r) => r.body.event.startsWith('target_'))
      .map((r) => `${r.body.event} ${r.body.kind}`);

  beforeAll(async () => {
    receiver = new NotificationReceiver();
    const url = await receiver.start();
    w = await startClockedWorld(new Date(Date.now() - 6 * 60 * MIN), {
      NOTIFY_WEBHOOK_URLS: url,
      NOTIFY_BASE_DELAY_MS: '50',
      SLA_TARGETS: 'High=1h/2h',
      SLA_WARN_AT: '0.75',
    });
    db = new pg.Pool({ connectionString: w.app.db.url, max: 2 });
    w.sim.seedIssue({ key: 'SUP-31', project: 'SUP', summary: 'Statements not sent', statusId: '1', issueType: 'Bug', priority: 'High' });
    const support = await tokenFor(w.app.url, 'support');
    escalatedAt = w.clock.now();
    bug = (await request(w.app.url).post('/api/escalations').set(auth(support)).send({ serviceDeskKey: 'SUP-31' }).expect(201)).body.triageKey;
    await w.sim.idle();
  });
  afterAll(async () => {
    await db?.end();
    await w?.close();
    await receiver?.stop();
  });

  step('before 75% of the response target nothing is noted', async () => {
    await check(40);
    expect(notes('3rd-line target')).toEqual([]);
    expect(events()).toEqual([]);
  });

  step('past 75% of the response target (45 of 60 min): one internal note on the JSM ticket and one notification', async () => {
    await check(46);
    await waitFor('the warning note', () => notes('target at risk').length === 1);
    expect(notes('target at risk')[0].text).toBe(
      `3rd-line target at risk (this flow's internal measure, not the client's SLA): 75% of the response target for ${bug} (priority High) has passed; it is due ${new Date(escalatedAt.getTime() + 60 * MIN).toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    );
    await waitFor('the notification', () => events().length === 1);
    expect(receiver.accepted().find((r) => r.body.event === 'target_at_risk')!.body).toMatchObject({
      source: '3rd-line',
      ticketKey: bug,
      serviceDeskKey: 'SUP-31',
      kind: 'response',
      priority: 'High',
      fraction: 0.75,
    });
  });

  step('the next runs of the job note and notify nothing more for that clock', async () => {
    await check(50);
    await check(55);
    expect(notes('target at risk')).toHaveLength(1);
    expect(events()).toEqual(['target_at_risk response']);
  });

  step('then the response is missed, the resolution warns at 90 of 120 min and is missed: each target warned once, missed once', async () => {
    await check(61);
    await check(91);
    await check(95);
    await check(121);
    await waitFor('four notifications', () => events().length === 4);
    expect(events()).toEqual(['target_at_risk response', 'target_missed response', 'target_at_risk resolution', 'target_missed resolution']);
    expect(notes('target at risk')).toHaveLength(2);
    expect(notes('3rd-line target missed')).toHaveLength(2);
    expect(w.sim.comments('SUP-31').filter((c) => /SLA (breached|missed|at risk)/.test(c.text))).toEqual([]);
    const sla = await request(w.app.url)
      .get('/api/sla')
      .set(auth(await tokenFor(w.app.url, 'po')))
      .expect(200);
    expect(sla.body.targets.warnings.map((x: { kind: string }) => x.kind).sort()).toEqual(['resolution', 'response']);
  });
});

/**
 * SLA_CALENDAR: the 3rd-line targets count London working hours. Escalated on Friday 27 March 2026 at
 * 17:00 (GMT) with a one-hour response target: 30 minutes count on Friday, none at the weekend, and
 * the other 30 from Monday 09:00 London, which is 08:00 UTC since the clocks went forward on Sunday.
 */
describe('3rd-line targets in working time: across a weekend and the change to summer time', () => {
  const step = story('3rd-line targets in working time');
  let w: World & { clock: SetBackClock };
  let db: pg.Pool;
  let bug = '';
  let po = '';
  const missed = () => w.sim.comments('SUP-41').filter((c) => !c.public && c.text.startsWith('3rd-line target missed'));
  const checkAt = (iso: string) => checkTargetsAt(w, db, new Date(iso));
  // the escalation is a few milliseconds after 17:00: times to the second, remaining time to the minute
  const response = async () => {
    const record = await request(w.app.url).get(`/api/tickets/${bug}`).set(auth(po)).expect(200);
    const entry = (record.body.sla as { name: string; source: string; breachAt: string; remainingMs: number }[]).find(
      (e) => e.source === '3rd-line' && e.name.includes('pickup'),
    )!;
    return { ...entry, breachAt: entry.breachAt.slice(0, 19), remainingMinutes: Math.round(entry.remainingMs / MIN) };
  };

  beforeAll(async () => {
    w = await startClockedWorld(new Date('2026-03-27T16:59:00Z'), {
      SLA_TARGETS: 'High=1h/8h',
      SLA_CALENDAR: 'Mon-Fri 09:00-17:30 Europe/London',
      SLA_HOLIDAYS: '2026-04-03',
    });
    db = new pg.Pool({ connectionString: w.app.db.url, max: 2 });
    w.sim.seedIssue({ key: 'SUP-41', project: 'SUP', summary: 'Invoices doubled', statusId: '1', issueType: 'Bug', priority: 'High' });
    const support = await tokenFor(w.app.url, 'support');
    po = await tokenFor(w.app.url, 'po');
    w.clock.moveTo(new Date('2026-03-27T17:00:00Z'));
    bug = (await request(w.app.url).post('/api/escalations').set(auth(support)).send({ serviceDeskKey: 'SUP-41' }).expect(201)).body.triageKey;
    await w.sim.idle();
  });
  afterAll(async () => {
    await db?.end();
    await w?.close();
  });

  step('on Friday evening the target is due on Monday 09:30 London (08:30 UTC, summer time), counting', async () => {
    await checkAt('2026-03-27T17:10:00Z');
    expect(await response()).toMatchObject({ state: 'running', breachAt: '2026-03-30T08:30:00', remainingMinutes: 50, source: '3rd-line' });
  });

  step('on Saturday (two days of wall time later) nothing is missed: the clock is paused outside working hours', async () => {
    await checkAt('2026-03-28T12:00:00Z');
    await checkAt('2026-03-29T12:00:00Z');
    expect(missed()).toEqual([]);
    expect(await response()).toMatchObject({ state: 'paused', remainingMinutes: 30 });
  });

  step('on Monday at 09:29 London it is still within the target; at 09:31 it is missed, noted once', async () => {
    await checkAt('2026-03-30T08:29:00Z');
    expect(missed()).toEqual([]);
    await checkAt('2026-03-30T08:31:00Z');
    await checkAt('2026-03-30T08:40:00Z');
    await waitFor('the note', () => missed().length === 1);
    expect(missed()[0].text).toContain('was due 2026-03-30 08:30 UTC');
    expect(await response()).toMatchObject({ state: 'breached', breachAt: '2026-03-30T08:30:00' });
  });
});
