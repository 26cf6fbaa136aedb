import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { SlaMonitor } from '../../src/service-desk/sla.monitor';
import { startClockedWorld } from '../support/clocked-world';
import { waitFor, type World } from '../support/jira-world';
import { NotificationReceiver } from '../support/notification-receiver';
import { outboxesQuiet } from '../support/outboxes';
import { story } from '../support/story';
import { bearer as auth, tokenFor } from '../support/tokens';
import type { SetBackClock } from '../../src/common/set-back-clock';

const MIN = 60_000;

/** SLA_WARN_AT: one internal note and one notification per clock before it breaches, then the breach. */
describe('SLA at risk: a warning at a fraction of each target, once per clock', () => {
  // one clock moved forward step by step: each step counts the notes and notifications of the steps before
  const step = story('SLA at risk');
  let w: World & { clock: SetBackClock };
  let receiver: NotificationReceiver;
  let db: pg.Pool;
  let escalatedAt: Date;
  let bug = '';
  const notes = (about: string) => w.sim.comments('SUP-31').filter((c) => !c.public && c.text.includes(about));
  const check = async (minutesAfterEscalation: number) => {
    w.clock.moveTo(new Date(escalatedAt.getTime() + minutesAfterEscalation * MIN));
    await w.app.app.get(SlaMonitor).check();
    await outboxesQuiet(w.sim, db);
  };
  const events = () =>
    receiver
      .accepted()
      .filter((r) => r.body.event.startsWith('sla_'))
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
    expect(notes('SLA')).toEqual([]);
    expect(events()).toEqual([]);
  });

  step('past 75% of the response target (45 of 60 min): one internal note on the JSM ticket and one notification', async () => {
    await check(46);
    await waitFor('the warning note', () => notes('SLA at risk').length === 1);
    expect(notes('SLA at risk')[0].text).toBe(
      `3rd-line SLA at risk: 75% of the response target for ${bug} (priority High) has passed; it is due ${new Date(escalatedAt.getTime() + 60 * MIN).toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    );
    await waitFor('the notification', () => events().length === 1);
    expect(receiver.accepted().find((r) => r.body.event === 'sla_at_risk')!.body).toMatchObject({
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
    expect(notes('SLA at risk')).toHaveLength(1);
    expect(events()).toEqual(['sla_at_risk response']);
  });

  step('then the response breaches, the resolution warns at 90 of 120 min and breaches: each clock warned once, breached once', async () => {
    await check(61);
    await check(91);
    await check(95);
    await check(121);
    await waitFor('four SLA notifications', () => events().length === 4);
    expect(events()).toEqual(['sla_at_risk response', 'sla_breached response', 'sla_at_risk resolution', 'sla_breached resolution']);
    expect(notes('SLA at risk')).toHaveLength(2);
    expect(notes('is missed')).toHaveLength(2);
    const sla = await request(w.app.url)
      .get('/api/sla')
      .set(auth(await tokenFor(w.app.url, 'po')))
      .expect(200);
    expect(sla.body.warnings.map((x: { kind: string }) => x.kind).sort()).toEqual(['resolution', 'response']);
  });
});
