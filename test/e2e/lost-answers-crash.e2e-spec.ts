import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import type { JiraSimulator } from '../../jira-sim';
import { quiet, query } from '../support/chaos';
import { WEBHOOK_SEED, jiraEnv, newSimulator, realisticDelivery, waitFor } from '../support/jira-world';
import { freePort } from '../support/free-port';
import { ADMIN_TOKEN } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { WRITE_KINDS } from '../support/write-kinds';

/** The service as npm start builds it (global-setup.ts builds dist/ once for every spec), in one process (SEPARATE_WORKER=false) so that one SIGKILL stops its outbox too. */
class Service {
  child?: ChildProcess;
  constructor(
    readonly url: string,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    this.child = spawn(process.execPath, ['dist/src/main.js'], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    await waitFor('the service to be healthy', async () => (await fetch(`${this.url}/health`).catch(() => null))?.status === 200, 30_000);
  }

  killed(): Promise<void> {
    const child = this.child!;
    return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await this.killed();
  }
}

/**
 * Every kind of write, with the service killed (SIGKILL) the moment Jira has answered it, before the
 * service could record the answer; restarted on the same database, it finds the write done and never
 * makes it again. (An API call cut off by the kill is repeated by its caller, as a person would.)
 */
describe('the service killed between Jira’s answer and its commit', () => {
  describe.each(WRITE_KINDS.map((k) => [k.name, k] as const))('%s', (_, kind) => {
    let sim: JiraSimulator;
    let db: TestDatabase;
    let service: Service;

    beforeAll(async () => {
      const world = newSimulator();
      sim = world.sim;
      // like Jira, deliveries that fail while the service is down are retried
      sim.setDelivery({ ...realisticDelivery(world.seed ?? WEBHOOK_SEED), maxAttempts: 80, retryDelayMs: 250 });
      await sim.start();
      db = await createTestDatabase();
      const port = await freePort();
      const env = { ...jiraEnv(sim, { RECONCILE_SECONDS: '0', SEPARATE_WORKER: 'false', ...kind.env }), DATABASE_URL: db.url, PORT: String(port), ADMIN_TOKEN };
      service = new Service(`http://127.0.0.1:${port}`, env);
      await service.start();
      sim.setWebhookUrl(`${service.url}/webhooks/jira`);
    }, 60_000);
    afterAll(async () => {
      sim?.setWebhookUrl(undefined);
      await service?.stop();
      await sim?.stop();
      await db?.drop();
    });

    it('restarted, the service finds the write done: its effect is in Jira exactly once', async () => {
      const site = { url: service.url, sim, settled: () => quiet(db.url, sim) };
      await kind.arrange?.(site);
      const before = sim.writes(kind.write).length;
      sim.afterAnswer(kind.write, () => service.child?.kill('SIGKILL'));
      const acted = kind.act(site).catch(() => undefined); // an API call may be cut off by the kill
      await service.killed();
      await acted;
      expect(sim.writes(kind.write)).toHaveLength(before + 1);
      await service.start();
      await quiet(db.url, sim, 45_000);
      if (kind.repeatedByCaller) expect((await kind.act(site))?.status).toBe(201);
      await quiet(db.url, sim, 45_000);
      expect(kind.effects(sim)).toBe(1);
      expect(await query(db.url, `SELECT kind, last_error FROM jira_change WHERE status <> 'done'`)).toEqual([]);
    }, 90_000);
  });
});
