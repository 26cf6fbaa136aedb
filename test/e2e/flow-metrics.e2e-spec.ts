import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { SECRET, SPRINT, STATUS, USERS, seedBug, startWorld, waitFor, type World } from '../support/jira-world';
import { story } from '../support/story';
import { bearer as auth, tokenFor } from '../support/tokens';

/** The value of one sample of the Prometheus text, e.g. metric(text, 'orchestrator_slot_occupied'). */
function metric(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('flow metrics and Prometheus metrics, from one pickup, one violation and one deploy', () => {
  const step = story('flow metrics and Prometheus metrics');
  let w: World;
  let po: string;
  let dev1: string;
  let ci: string;
  const scrape = async () => {
    const res = await request(w.app.url).get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.text;
  };
  const flowMetrics = async (query = '') => (await request(w.app.url).get(`/api/flow-metrics${query}`).set(auth(po)).expect(200)).body;

  beforeAll(async () => {
    w = await startWorld();
    seedBug(w.sim, { key: 'QAOPS-1', summary: 'Totals rounded wrong', statusId: STATUS.triage });
    seedBug(w.sim, { key: 'QAOPS-2', summary: 'Export times out', statusId: STATUS.triage });
    [po, dev1, ci] = await Promise.all([tokenFor(w.app.url, 'po'), tokenFor(w.app.url, 'developer', USERS.dev1), tokenFor(w.app.url, 'ci')]);
    w.sim.editIssue('QAOPS-1', { summary: 'Totals rounded wrong on invoices' }, USERS.po); // seen in Triage: ticket.tracked
    for (const key of ['QAOPS-1', 'QAOPS-2']) w.sim.transition(key, STATUS.ready, USERS.po);
    await request(w.app.url).put('/api/rota').set(auth(po)).send({ accountId: USERS.dev1 }).expect(200);
    // processed, not only moved in Jira: a move to Ready applied after the pickup would return the ticket to the queue
    await waitFor('both tickets in Ready for the service', async () => {
      const columns = await Promise.all(
        ['QAOPS-1', 'QAOPS-2'].map(async (key) => (await request(w.app.url).get(`/api/tickets/${key}`).set(auth(po))).body.ticket?.column),
      );
      return columns.every((c) => c === 'ready');
    });
  });
  afterAll(async () => {
    await w?.close();
  });

  step('with nothing deployed yet, the metrics have no samples and the active sprint shows no throughput', async () => {
    const body = await flowMetrics();
    expect(body).toMatchObject({ unit: 'hours', leadTime: { count: 0, p50: null }, cycleTime: { count: 0 }, blockedOnDeploy: { count: 0 } });
    expect(body.sprints).toEqual([{ sprintId: SPRINT, startedAt: null, endedAt: null, throughput: 0, deployed: [], violations: 0 }]);
  });

  step('a pickup shows on /metrics as an occupied slot, without a token', async () => {
    await request(w.app.url).post('/api/pickups').set(auth(dev1)).expect(201);
    await waitFor('QAOPS-1 in progress in Jira', () => w.sim.issue('QAOPS-1')?.statusId === STATUS.inProgress);
    const text = await scrape();
    expect(metric(text, 'orchestrator_slot_occupied')).toBe(1);
    expect(metric(text, 'orchestrator_slot_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(metric(text, 'orchestrator_webhooks_received_total')).toBeGreaterThan(0);
  });

  step('a second ticket moved to In Progress is a violation, counted by rule and remedy', async () => {
    await w.settled();
    w.sim.transition('QAOPS-2', STATUS.inProgress, USERS.dev2);
    await waitFor('QAOPS-2 moved back', () => w.sim.issue('QAOPS-2')?.statusId === STATUS.ready);
    const counted = await waitFor(
      'the violation on /metrics',
      async () => metric(await scrape(), 'orchestrator_violations_total', 'rule="slot_occupied",remedy="reverted"') === 1,
    );
    expect(counted).toBe(true);
  });

  step('after the developer finishes and CI deploys to D, lead, cycle and blocked-on-deploy times have one sample each', async () => {
    await w.settled();
    w.sim.transition('QAOPS-1', STATUS.done, USERS.dev1);
    await waitFor(
      'the move to Done processed',
      async () => (await request(w.app.url).get('/api/tickets/QAOPS-1').set(auth(po))).body.ticket?.status === 'Done',
    );
    await request(w.app.url)
      .post('/api/deployments')
      .set(auth(ci))
      .send({ id: 'deploy-d-1', environment: 'D', status: 'successful', issueKeys: ['QAOPS-1'] })
      .expect(202);
    const body = await flowMetrics();
    for (const name of ['leadTime', 'cycleTime', 'blockedOnDeploy']) {
      expect(body[name]).toMatchObject({ count: 1, samples: [{ key: 'QAOPS-1' }] });
      expect(body[name].p50).toBe(body[name].samples[0].hours);
      expect(body[name].p95).toBe(body[name].samples[0].hours);
    }
    const [lead, cycle, blocked] = ['leadTime', 'cycleTime', 'blockedOnDeploy'].map((n) => new Date(body[n].samples[0].start).getTime());
    expect(lead).toBeLessThanOrEqual(cycle); // tracked before the pickup, which is before the move to Done
    expect(cycle).toBeLessThanOrEqual(blocked);
    expect(body.sprints).toEqual([{ sprintId: SPRINT, startedAt: null, endedAt: null, throughput: 1, deployed: ['QAOPS-1'], violations: 1 }]);
  });

  it('a window before anything happened counts nothing', async () => {
    const body = await flowMetrics('?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z');
    expect(body).toMatchObject({ from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z', cycleTime: { count: 0 } });
    expect(body.sprints.map((s: { throughput: number }) => s.throughput)).toEqual([0]);
  });

  it.each([
    ['a date that is not ISO 8601', '?from=yesterday'],
    ['from after to', '?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z'],
    ['an unknown parameter', '?sprint=10'],
  ])('%s is a 400 validation_failed', async (_name, query) => {
    const res = await request(w.app.url).get(`/api/flow-metrics${query}`).set(auth(po)).expect(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('flow metrics need a token', async () => {
    await request(w.app.url).get('/api/flow-metrics').expect(401);
  });

  step('the slot released shows as 0; the outbox gauges and the decision latency are served', async () => {
    const text = await waitFor('the decision latency of processed webhooks', async () => {
      const t = await scrape();
      return (metric(t, 'orchestrator_decision_latency_seconds_count') ?? 0) > 0 ? t : '';
    });
    expect(metric(text, 'orchestrator_slot_occupied')).toBe(0);
    expect(metric(text, 'orchestrator_outbox_depth')).toBeGreaterThanOrEqual(0);
    expect(metric(text, 'orchestrator_outbox_failed')).toBe(0);
    expect(text).toContain('# TYPE orchestrator_decision_latency_seconds histogram');
  });

  it('an unsigned webhook is counted as rejected, a repeated one as duplicate', async () => {
    await w.settled(); // Jira's own duplicates (realistic delivery) are counted too: measure the difference
    const before = metric(await scrape(), 'orchestrator_webhooks_duplicate_total') ?? 0;
    const body = JSON.stringify({ webhookEvent: 'jira:issue_updated', timestamp: Date.now(), issue: { id: '999', key: 'QAOPS-999', fields: {} } });
    await request(w.app.url).post('/webhooks/jira').set('Content-Type', 'application/json').send(body).expect(401);
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const post = () =>
      request(w.app.url)
        .post('/webhooks/jira')
        .set('Content-Type', 'application/json')
        .set('X-Hub-Signature', signature)
        .set('X-Atlassian-Webhook-Identifier', 'metrics-e2e-1')
        .send(body)
        .expect(202);
    expect((await post()).body).toEqual({ duplicate: false });
    expect((await post()).body).toEqual({ duplicate: true });
    const text = await scrape();
    expect(metric(text, 'orchestrator_webhooks_rejected_total', 'code="invalid_signature"')).toBe(1);
    expect(metric(text, 'orchestrator_webhooks_duplicate_total')).toBe(before + 1);
  });
});
