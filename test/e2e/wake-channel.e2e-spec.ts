import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { WakeChannel } from '../../src/common/wake.channel';
import type { AppConfig } from '../../src/config/app-config';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const channel = (db: TestDatabase, processRole: AppConfig['processRole']) => new WakeChannel({ databaseUrl: db.url, processRole } as AppConfig);
const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
};

/** npm start's two processes: the HTTP one says there is work, the worker's loops hear it at the commit. */
describe('waking the worker process through PostgreSQL', () => {
  let db: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('every topic listened to is woken, and only after the transaction that said so commits', async () => {
    const worker = channel(db, 'worker');
    const web = channel(db, 'web');
    const woken: string[] = [];
    worker.listen('outbox', () => woken.push('outbox'));
    await new Promise((r) => setTimeout(r, 300)); // the LISTEN connection is up: later topics join it
    worker.listen('webhooks', () => woken.push('webhooks'));
    worker.listen('notifications', () => woken.push('notifications'));
    await new Promise((r) => setTimeout(r, 100));
    await client.query('BEGIN');
    await web.notify(client, 'webhooks');
    await web.notify(client, 'outbox');
    await new Promise((r) => setTimeout(r, 200));
    expect(woken).toEqual([]);
    await client.query('COMMIT');
    await until(() => woken.length >= 2);
    expect(woken.sort()).toEqual(['outbox', 'webhooks']);
    await web.notify(client, 'notifications');
    await until(() => woken.length >= 3);
    expect(woken).toContain('notifications');
    await worker.onApplicationShutdown();
  });

  it('in one process it does nothing: the loops are woken in the process', async () => {
    const all = channel(db, 'all');
    const woken: string[] = [];
    all.listen('webhooks', () => woken.push('webhooks'));
    await channel(db, 'web').notify(client, 'webhooks');
    await new Promise((r) => setTimeout(r, 300));
    expect(woken).toEqual([]);
  });
});
