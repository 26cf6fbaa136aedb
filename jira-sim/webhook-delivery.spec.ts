import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Version3Client } from 'jira.js';
import { transitionIdFor } from './issue-routes';
import type { JiraSimulator } from './jira-simulator';
import { API_TOKEN, createWorld, EMAIL, failure, SECRET, STATUS } from './sim-fixture';
import { WebhookReceiver } from './webhook-receiver';

const auth = { basic: { email: EMAIL, apiToken: API_TOKEN } };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** five label changes by a person, five events */
function fiveChanges(sim: JiraSimulator): void {
  for (let i = 1; i <= 5; i++) sim.setLabels('QAOPS-1', [`step-${i}`], 'dev-1');
}

describe('webhook delivery and REST faults', () => {
  const receiver = new WebhookReceiver();
  let webhookUrl: string;
  let sim: JiraSimulator;
  let v3: Version3Client;

  beforeAll(async () => {
    webhookUrl = await receiver.start();
  });

  afterAll(async () => {
    await receiver.stop();
  });

  beforeEach(async () => {
    receiver.clear();
    receiver.respondWith = 202;
    sim = createWorld({ webhookUrl });
    await sim.start();
    v3 = new Version3Client({ host: sim.baseUrl, authentication: auth });
  });

  afterEach(async () => {
    await sim.stop();
  });

  describe('deliveries', () => {
    it('matches Atlassian’s signature test vector with the same HMAC the simulator uses', () => {
      const signature = createHmac('sha256', SECRET).update('Hello World!').digest('hex');
      expect(`sha256=${signature}`).toBe('sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9');
    });

    it('signs every delivery over its raw body and gives each event its own identifier', async () => {
      fiveChanges(sim);
      await v3.issues.doTransition({ issueIdOrKey: 'QAOPS-2', transition: { id: transitionIdFor(STATUS.inProgress) } });
      await sim.idle();
      expect(receiver.received).toHaveLength(6);
      for (const hook of receiver.received) {
        expect(WebhookReceiver.signatureValid(hook, SECRET)).toBe(true);
        expect(hook.headers['content-type']).toBe('application/json');
        expect(hook.headers['x-atlassian-webhook-retry']).toBeUndefined();
      }
      expect(new Set(receiver.received.map((h) => h.headers['x-atlassian-webhook-identifier'])).size).toBe(6);
      expect(receiver.bodies()).toEqual(sim.emitted());
      expect(sim.deliveries.map((d) => [d.event, d.status, d.duplicate, d.dropped])).toEqual(
        Array.from({ length: 6 }, () => ['jira:issue_updated', 202, false, false]),
      );
    });

    it('sends X-Webhook-Token instead of a signature when configured with a token', async () => {
      const tokenSim = createWorld({ webhookUrl, webhookSecret: undefined, webhookToken: 'automation-secret' });
      await tokenSim.start();
      tokenSim.transition('QAOPS-1', STATUS.inProgress, 'dev-1');
      await tokenSim.idle();
      await tokenSim.stop();
      expect(receiver.received[0]?.headers['x-webhook-token']).toBe('automation-secret');
      expect(receiver.received[0]?.headers['x-hub-signature']).toBeUndefined();
    });

    it('sends each duplicate with the same identifier and X-Atlassian-Webhook-Retry', async () => {
      sim.setDelivery({ duplicateRate: 1, seed: 7 });
      sim.transition('QAOPS-1', STATUS.inProgress, 'dev-1');
      await sim.idle();
      const [first, second] = receiver.received;
      expect(receiver.received).toHaveLength(2);
      expect(second?.headers['x-atlassian-webhook-identifier']).toBe(first?.headers['x-atlassian-webhook-identifier']);
      expect(second?.headers['x-atlassian-webhook-retry']).toBe('1');
      expect(second?.raw).toBe(first?.raw);
      expect(sim.deliveries.map((d) => d.duplicate)).toEqual([false, true]);
    });

    it('with jitterMs, delivers every event once but not in the order emitted, the same way for the same seed', async () => {
      const order = async (seed: number): Promise<string[]> => {
        receiver.clear();
        const world = createWorld({ webhookUrl });
        await world.start();
        world.setDelivery({ jitterMs: 60, seed });
        for (let i = 1; i <= 12; i++) world.setLabels('QAOPS-1', [`step-${i}`], 'dev-1');
        await world.idle();
        await world.stop();
        return receiver.bodies().map((b) => JSON.stringify((b as { changelog: unknown }).changelog));
      };
      const first = await order(11);
      expect(first).toHaveLength(12);
      expect(new Set(first).size).toBe(12);
      expect(first).not.toEqual([...first].sort((a, b) => Number(/step-(\d+)/.exec(a)?.[1]) - Number(/step-(\d+)/.exec(b)?.[1])));
    });

    it('loses some first attempts on the way and delivers them on a retry with the same identifier', async () => {
      sim.setDelivery({ lostFirstAttemptRate: 1, retryDelayMs: 10 });
      sim.transition('QAOPS-1', STATUS.inProgress, 'dev-1');
      await sim.idle();
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]?.headers['x-atlassian-webhook-retry']).toBe('1');
      expect(sim.deliveries.map((d) => [d.status, d.retry])).toEqual([
        ['error', 0],
        [202, 1],
      ]);
      expect(sim.deliveries[0]?.id).toBe(sim.deliveries[1]?.id);
    });

    it('holds deliveries while paused, lets a test reorder them, and sends them on resume', async () => {
      sim.pauseDeliveries();
      fiveChanges(sim);
      expect(sim.queuedDeliveries()).toHaveLength(5);
      sim.reorderQueuedDeliveries((a, b) => (b.body.timestamp as number) - (a.body.timestamp as number));
      sim.resumeDeliveries();
      await sim.idle();
      const stamps = receiver.bodies().map((b) => (b as { timestamp: number }).timestamp);
      expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
    });

    it('drops every delivery with a dropRate of 1, but still records the events', async () => {
      sim.setDelivery({ dropRate: 1 });
      fiveChanges(sim);
      await sim.idle();
      expect(receiver.received).toEqual([]);
      expect(sim.emitted()).toHaveLength(5);
      expect(sim.deliveries.every((d) => d.dropped && d.status === 0)).toBe(true);
    });

    it('shuffles within groups of reorderWindow consecutive events, the same way for the same seed', async () => {
      const stamps = (bodies: unknown[]): number[] => bodies.map((b) => (b as { timestamp: number }).timestamp);
      sim.setDelivery({ reorderWindow: 3, seed: 42 });
      for (let i = 1; i <= 6; i++) sim.setLabels('QAOPS-1', [`step-${i}`], 'dev-1');
      await sim.idle();
      const emitted = stamps(sim.emitted());
      const delivered = stamps(receiver.bodies());
      expect([...delivered.slice(0, 3)].sort()).toEqual(emitted.slice(0, 3));
      expect([...delivered.slice(3)].sort()).toEqual(emitted.slice(3));
      const order = delivered.map((t) => emitted.indexOf(t));

      const again = createWorld({ webhookUrl });
      receiver.clear();
      again.setDelivery({ reorderWindow: 3, seed: 42 });
      for (let i = 1; i <= 6; i++) again.setLabels('QAOPS-1', [`step-${i}`], 'dev-1');
      await again.idle();
      const emittedAgain = stamps(again.emitted());
      expect(stamps(receiver.bodies()).map((t) => emittedAgain.indexOf(t))).toEqual(order);
      await again.stop();
    });

    it('holds deliveries while paused and sends them on flush', async () => {
      sim.pauseDeliveries();
      fiveChanges(sim);
      await sleep(30);
      expect(receiver.received).toEqual([]);
      await sim.flushDeliveries();
      expect(receiver.received).toHaveLength(5);
      sim.resumeDeliveries();
      sim.setLabels('QAOPS-1', ['after'], 'dev-1');
      await sim.idle();
      expect(receiver.received).toHaveLength(6);
    });

    it('delays each delivery by delayMs', async () => {
      sim.setDelivery({ delayMs: 60 });
      const started = Date.now();
      sim.setLabels('QAOPS-1', ['late'], 'dev-1');
      await sleep(20);
      expect(receiver.received).toEqual([]);
      await sim.idle();
      expect(Date.now() - started).toBeGreaterThanOrEqual(55);
      expect(receiver.received).toHaveLength(1);
    });

    it('logs failed deliveries and retries them only with retryOnFailure', async () => {
      receiver.respondWith = 503;
      sim.setLabels('QAOPS-1', ['a'], 'dev-1');
      await sim.idle();
      expect(sim.deliveries.map((d) => d.status)).toEqual([503]);
      sim.setDelivery({ retryOnFailure: true, maxAttempts: 3, retryDelayMs: 5 });
      sim.setLabels('QAOPS-1', ['b'], 'dev-1');
      await sim.idle();
      expect(sim.deliveries.slice(1).map((d) => [d.status, d.retry])).toEqual([
        [503, 0],
        [503, 1],
        [503, 2],
      ]);
      expect(receiver.received.slice(1).map((h) => h.headers['x-atlassian-webhook-retry'])).toEqual([undefined, '1', '2']);
    });

    it('logs a connection error when nothing listens at the webhook URL', async () => {
      sim.setWebhookUrl('http://127.0.0.1:9/unreachable');
      sim.setLabels('QAOPS-1', ['x'], 'dev-1');
      await sim.idle();
      expect(sim.deliveries).toMatchObject([{ status: 'error', dropped: false, error: expect.any(String) }]);
    });

    it('only records events when no webhook URL is set', async () => {
      sim.setWebhookUrl(undefined);
      fiveChanges(sim);
      await sim.idle();
      expect(sim.emitted()).toHaveLength(5);
      expect(sim.deliveries).toEqual([]);
      expect(receiver.received).toEqual([]);
    });
  });

  describe('REST faults', () => {
    it('answers failNext 429 with Retry-After, then recovers', async () => {
      sim.failNext(1, { status: 429, retryAfterSeconds: 1 });
      const error = await failure(v3.myself.getCurrentUser());
      expect(error.status).toBe(429);
      const headers = (error.cause as { response?: { headers?: Record<string, unknown> } }).response?.headers;
      expect(headers?.['retry-after']).toBe('1');
      expect((error.response as { data: unknown }).data).toEqual({ errorMessages: ['Rate limit exceeded.'], errors: {} });
      await expect(v3.myself.getCurrentUser()).resolves.toMatchObject({ accountId: expect.any(String) });
    });

    it('fails only matching requests, and every one of them during a failFor window', async () => {
      sim.failFor(150, { status: 503, match: { method: 'POST', pathIncludes: '/transitions' } });
      const move = (): Promise<unknown> => v3.issues.doTransition({ issueIdOrKey: 'QAOPS-1', transition: { id: transitionIdFor(STATUS.inProgress) } });
      expect((await failure(move())).status).toBe(503);
      expect((await failure(move())).status).toBe(503);
      await expect(v3.issues.getTransitions({ issueIdOrKey: 'QAOPS-1' })).resolves.toBeDefined();
      expect(sim.issue('QAOPS-1')?.statusId).toBe(STATUS.ready);
      await sleep(200);
      await move();
      expect(sim.issue('QAOPS-1')?.statusId).toBe(STATUS.inProgress);
      expect(sim.writes({ pathIncludes: '/transitions' })).toHaveLength(1);
    });

    it('applies a request and then answers with the fault when the fault says applied', async () => {
      sim.failNext(1, { status: 504, applied: true, match: { pathIncludes: '/assignee' } });
      expect((await failure(v3.issues.assignIssue({ issueIdOrKey: 'QAOPS-1', accountId: 'dev-2' }))).status).toBe(504);
      expect(sim.issue('QAOPS-1')?.assignee).toBe('dev-2');
      expect(sim.writes({ method: 'PUT', pathIncludes: '/assignee' })).toHaveLength(1);
      await sim.idle();
      expect(receiver.bodies('jira:issue_updated')).toHaveLength(1);
    });

    it('drops the connection when asked, and clearFaults disarms everything', async () => {
      sim.failNext(1, { status: 0, dropConnection: true });
      await expect(v3.myself.getCurrentUser()).rejects.toBeDefined();
      sim.failNext(5, { status: 500 });
      sim.clearFaults();
      await expect(v3.myself.getCurrentUser()).resolves.toBeDefined();
    });
  });
});
