import type { INestApplicationContext, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { JiraSimulator } from '../../jira-sim';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/config.loader';
import { OutboxWorker } from '../../src/jira/outbox/outbox.worker';
import { InboxService } from '../../src/webhooks/inbox.service';
import { WebhookProcessor } from '../../src/webhooks/webhook.processor';
import { query } from '../support/chaos';
import { jiraEnv, newSimulator } from '../support/jira-world';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Body = Record<string, unknown>;

/**
 * The orchestration as the worker runs it, without HTTP and without its loops: the real modules on a
 * real database, jira.js against the simulator, and the test turns the crank. Jira's webhooks are
 * handed to the inbox as the simulator made them (in the order the test chooses), the inbox is
 * applied batch by batch, the outbox sent: no polling, no waiting, the same steps every run.
 */
export interface ServiceWorld {
  sim: JiraSimulator;
  db: TestDatabase;
  get<T>(type: Type<T>): T;
  /**
   * Hands the webhooks Jira made since the last call to the inbox; `order` may reorder, drop or
   * repeat them. Returns how many it handed over.
   */
  deliver(order?: (bodies: Body[]) => Body[]): Promise<number>;
  /** The webhooks Jira made since the last call, taken out of the way: the test hands them over itself (`hand`). */
  take(): Body[];
  hand(bodies: Body[]): Promise<number>;
  /** Applies what is due in the inbox, batch after batch, until nothing is due; returns the batches. */
  process(): Promise<number>;
  /** Sends what is due in the outbox; returns how many commands it took. */
  send(): Promise<number>;
  /** Delivers, applies and sends until a round moves nothing (Jira's answers make webhooks too). */
  settle(): Promise<void>;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const QUIET = { log: () => undefined, warn: () => undefined, debug: () => undefined, verbose: () => undefined, error: console.error, fatal: console.error };

export async function startServiceWorld(env: Record<string, string> = {}): Promise<ServiceWorld> {
  // webhooks are handed over by the test (take/hand), in the order it chooses; searches see Jira as it is now
  const { sim } = newSimulator({ delivery: 'ordered', searchIndexLagMs: 0 });
  await sim.start();
  const db = await createTestDatabase();
  // no schedule fires during a test: the test decides each step
  const config = loadConfig({
    ...jiraEnv(sim, { RECONCILE_SECONDS: '0', FORECAST_NOTE_SECONDS: '0', SLA_CHECK_SECONDS: '86400', BOARD_REFRESH_SECONDS: '86400', ...env }),
    ADMIN_TOKEN: 'service-tier-admin-token-0123',
    LOG_FORMAT: 'text',
    DATABASE_URL: db.url,
  });
  // 'web': the loops of the inbox, the outbox and the notifications do not start (the worker's job)
  const app: INestApplicationContext = await Test.createTestingModule({ imports: [AppModule.forRoot({ ...config, processRole: 'web', databaseUrl: db.url })] })
    .setLogger(QUIET)
    .compile();
  await app.init();
  const inbox = app.get(InboxService);
  const processor = app.get(WebhookProcessor);
  const outbox = app.get(OutboxWorker);
  let handed = 0;

  const world: ServiceWorld = {
    sim,
    db,
    get: (type) => app.get(type),
    deliver: (order = (bodies) => bodies) => world.hand(order(world.take())),
    take() {
      const fresh = sim.emitted().slice(handed) as Body[];
      handed += fresh.length;
      return fresh;
    },
    async hand(bodies) {
      for (const body of bodies) {
        const raw = JSON.stringify(body);
        await inbox.accept(body, Buffer.from(raw), undefined);
      }
      return bodies.length;
    },
    async process() {
      let batches = 0;
      while (await processor.processBatch()) batches++;
      return batches;
    },
    send: () => outbox.drainOnce(),
    async settle() {
      for (let round = 0; round < 50; round++) {
        const moved = (await world.deliver()) + (await world.process()) + (await world.send());
        if (moved === 0) return;
      }
      throw new Error('The service and the simulator did not settle in 50 rounds');
    },
    sql: (text, params = []) => query(db.url, text, params),
    async close() {
      await app.close();
      await sim.stop();
      await db.drop();
    },
  };
  return world;
}
