import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import { createHmac } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { validSignature } from '../../src/webhooks/webhook-signature';
import type { AdfNode } from '../../jira-sim/types';
import { NotificationReceiver } from '../support/notification-receiver';
import { outboxesQuiet } from '../support/outboxes';
import { SECRET, STATUS, USERS, seedBug, startWorld, waitFor, type World } from '../support/jira-world';
import { story } from '../support/story';
import { bearer as auth, tokenFor } from '../support/tokens';

const NOTIFY_SECRET = 'notify-secret-for-tests';
const mentionsOf = (node: AdfNode): AdfNode[] => [...(node.type === 'mention' ? [node] : []), ...(node.content ?? []).flatMap(mentionsOf)];

/** The next-ticket nudge in Jira and the notifications to a local receiver, through the real outboxes. */
describe('telling people: the next-ticket nudge and notifications out', () => {
  // the receiver counts every notification of the file: each step's counts, and the last step's list, include the steps before
  const step = story('telling people');
  let w: World;
  let db: pg.Pool;
  let receiver: NotificationReceiver;
  let dev1: string;
  let ci: string;
  let po: string;
  const mentionComments = (key: string) => w.sim.comments(key).filter((c) => mentionsOf(c.body).length > 0);
  const accepted = (event?: string) => receiver.accepted().filter((r) => !event || r.body.event === event);
  const quiet = () => outboxesQuiet(w.sim, db);

  beforeAll(async () => {
    receiver = new NotificationReceiver();
    const url = await receiver.start();
    receiver.failNext(3); // the receiver is down for the first three deliveries
    w = await startWorld({ NOTIFY_WEBHOOK_URLS: url, NOTIFY_WEBHOOK_SECRET: NOTIFY_SECRET, NOTIFY_BASE_DELAY_MS: '50' });
    db = new pg.Pool({ connectionString: w.app.db.url, max: 2 });
    for (const key of ['QAOPS-71', 'QAOPS-72', 'QAOPS-73']) seedBug(w.sim, { key, summary: `bug ${key}`, statusId: STATUS.ready });
    dev1 = await tokenFor(w.app.url, 'developer', USERS.dev1);
    ci = await tokenFor(w.app.url, 'ci');
    po = await tokenFor(w.app.url, 'po');
    await request(w.app.url).put('/api/rota').set(auth(po)).send({ accountId: USERS.dev1 }).expect(200);
  });
  afterAll(async () => {
    await db?.end();
    await w?.close();
    await receiver?.stop();
  });

  step('a pickup is notified even while the receiver answers 500: the decision never waits for it', async () => {
    const res = await request(w.app.url).post('/api/pickups').set(auth(dev1)).expect(201);
    expect(res.body.key).toBe('QAOPS-71');
    await waitFor('the pickup notification to get through', () => accepted('pickup').length === 1);
    const attempts = receiver.requests.filter((r) => r.body.event === 'pickup');
    expect(attempts.map((r) => r.status)).toEqual([500, 500, 500, 200]);
    expect(new Set(attempts.map((r) => r.raw)).size).toBe(1); // every retry sends the same bytes
    expect(accepted('pickup')[0].body).toMatchObject({
      ticketKey: 'QAOPS-71',
      actor: USERS.dev1,
      via: 'api',
      text: `${USERS.dev1} picked up QAOPS-71 (through the service).`,
    });
  });

  step('a violation and the Jira change that failed for it are notified', async () => {
    w.sim.failNext(1, {
      status: 400,
      body: { errorMessages: ['Comment body is not valid'], errors: {} },
      match: { method: 'POST', pathIncludes: '/rest/api/3/issue/QAOPS-73/comment' },
    });
    w.sim.transition('QAOPS-73', STATUS.inProgress, USERS.dev2);
    await waitFor(
      'the violation and the failed comment to be notified',
      () => accepted('violation').length === 1 && accepted('jira_change_failed').length === 1,
    );
    expect(accepted('violation')[0].body).toMatchObject({ ticketKey: 'QAOPS-73', rule: 'slot_occupied', remedy: 'reverted', actor: USERS.dev2 });
    expect(accepted('jira_change_failed')[0].body).toMatchObject({
      ticketKey: 'QAOPS-73',
      change: 'comment on QAOPS-73',
      error: expect.stringContaining('Comment body is not valid'),
    });
    await quiet();
  });

  step(
    'a deploy to D gives exactly one comment on the next ticket (even when Jira’s answer is lost), ' +
      'mentioning the designated developer, and notifies the slot free with that ticket',
    async () => {
      // the comment lands in Jira but its answer is lost: the retry finds it by the command id and does not comment again
      w.sim.failNext(1, { status: 503, applied: true, match: { method: 'POST', pathIncludes: '/rest/api/3/issue/QAOPS-72/comment' } });
      const deploy = { id: 'deploy-d-71', environment: 'D', status: 'successful', issueKeys: ['QAOPS-71'] };
      expect((await request(w.app.url).post('/api/deployments').set(auth(ci)).send(deploy).expect(202)).body.released).toEqual(['QAOPS-71']);
      await waitFor('the nudge on QAOPS-72', () => mentionComments('QAOPS-72').length === 1);
      const [nudge] = mentionComments('QAOPS-72');
      expect(mentionsOf(nudge.body)).toEqual([{ type: 'mention', attrs: { id: USERS.dev1, text: `@${USERS.dev1}` } }]);
      expect(nudge.text).toBe(`@${USERS.dev1}: QAOPS-72 is next for you (slot freed by the deploy of QAOPS-71 to D).`);
      await waitFor('slot_freed', () => accepted('slot_freed').length === 1);
      expect(accepted('slot_freed')[0].body).toMatchObject({
        ticketKey: 'QAOPS-71',
        because: 'the deploy of QAOPS-71 to D',
        next: { key: 'QAOPS-72', summary: 'bug QAOPS-72', pickedUp: false },
        queueRead: true,
        designatedDeveloper: USERS.dev1,
      });
      // the same deploy reported again, and another deploy of the released key, free nothing and nudge nobody
      expect((await request(w.app.url).post('/api/deployments').set(auth(ci)).send(deploy).expect(200)).body.duplicate).toBe(true);
      await request(w.app.url)
        .post('/api/deployments')
        .set(auth(ci))
        .send({ ...deploy, id: 'deploy-d-71-again' })
        .expect(202);
      await quiet();
      expect(mentionComments('QAOPS-72')).toHaveLength(1);
      expect(['QAOPS-71', 'QAOPS-73'].flatMap(mentionComments)).toEqual([]);
      expect(accepted('slot_freed')).toHaveLength(1);
    },
  );

  step('with Ready for sprint empty at send time, a freed slot mentions nobody and is notified as empty', async () => {
    await request(w.app.url).post('/api/pickups').set(auth(dev1)).expect(201);
    w.sim.transition('QAOPS-73', STATUS.triage, USERS.po);
    await quiet();
    const before = w.sim.comments('QAOPS-73').length;
    await request(w.app.url)
      .post('/api/deployments')
      .set(auth(ci))
      .send({ id: 'deploy-d-72', environment: 'D', status: 'successful', issueKeys: ['QAOPS-72'] })
      .expect(202);
    await waitFor('the second slot_freed', () => accepted('slot_freed').length === 2);
    await quiet();
    expect(accepted('slot_freed')[1].body).toMatchObject({
      ticketKey: 'QAOPS-72',
      next: null,
      queueRead: true,
      text: 'The 3rd-line slot was freed by the deploy of QAOPS-72 to D. Ready for sprint is empty.',
    });
    expect(w.sim.comments('QAOPS-73')).toHaveLength(before);
    const { rows } = await db.query(`SELECT outcome FROM jira_change WHERE kind = 'nudge_next' ORDER BY id`);
    expect(rows.map((r: { outcome: string }) => r.outcome)).toEqual(['already_done', 'nothing_next']);
  });

  step('a quarantined webhook is notified', async () => {
    const raw = JSON.stringify({
      timestamp: Date.now(),
      webhookEvent: 'jira:issue_updated',
      user: { accountId: USERS.po },
      issue: { id: '999', key: 'QAOPS-79' },
      changelog: { id: '1', items: [] },
    });
    await request(w.app.url)
      .post('/webhooks/jira')
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature', `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`)
      .send(raw)
      .expect(202);
    await waitFor('webhook_quarantined', () => accepted('webhook_quarantined').length === 1);
    expect(accepted('webhook_quarantined')[0].body).toMatchObject({
      ticketKey: 'QAOPS-79',
      webhookEvent: 'jira:issue_updated',
      reason: expect.stringContaining('issue.fields is missing'),
    });
  });

  step('every notification arrived once, in the order it was decided, signed with the secret', async () => {
    await quiet();
    const got = receiver.accepted();
    expect(got.map((r) => `${r.body.event} ${r.body.ticketKey}`)).toEqual([
      'pickup QAOPS-71',
      'violation QAOPS-73',
      'jira_change_failed QAOPS-73',
      'slot_freed QAOPS-71',
      'pickup QAOPS-72',
      'slot_freed QAOPS-72',
      'webhook_quarantined QAOPS-79',
    ]);
    expect(new Set(got.map((r) => r.body.id)).size).toBe(got.length);
    for (const r of receiver.requests) {
      expect(validSignature(r.headers['x-orchestrator-signature'] as string, Buffer.from(r.raw), NOTIFY_SECRET)).toBe(true);
      expect(r.headers['x-orchestrator-event']).toBe(r.body.event);
      expect(r.headers['x-orchestrator-delivery']).toBe(r.body.id);
      expect(typeof r.body.text).toBe('string');
    }
    const { rows } = await db.query(`SELECT status, count(*)::int AS n FROM notification GROUP BY status`);
    expect(rows).toEqual([{ status: 'done', n: got.length }]);
  });
});
