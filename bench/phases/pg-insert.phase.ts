import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { percentile } from '../support/stats';

export interface InsertRateResult {
  commitsPerS: number;
  p50Ms: number | null;
  p99Ms: number | null;
  commits: number;
}

/**
 * PostgreSQL's own ceiling for one commit per request: `connections` clients each inserting the
 * intake's row (same table shape and indexes as webhook_event, same body) in autocommit, back to back.
 */
export async function measureInsertRate(url: string, body: string, connections: number, seconds: number): Promise<InsertRateResult> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('DROP TABLE IF EXISTS bench_insert');
  await admin.query('CREATE TABLE bench_insert (LIKE webhook_event INCLUDING ALL)');
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const latencies: number[] = [];
  const prefix = randomBytes(4).toString('hex');
  let n = 0;
  const sql = `INSERT INTO bench_insert (dedupe_key, event_type, order_key, jira_timestamp, body, received_at, status, attempts, next_attempt_at)
               VALUES ($1, 'jira:issue_updated', $2, $3, $4, now(), 'pending', 0, now())`;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  try {
    await Promise.all(
      clients.map(async (c) => {
        while (performance.now() < deadline) {
          const i = n++;
          const start = performance.now();
          await c.query(sql, [`id:${prefix}-${i}`, `issue:${i % 1000}`, Date.now(), body]);
          latencies.push(performance.now() - start);
        }
      }),
    );
    const elapsedS = (performance.now() - t0) / 1000;
    return { commitsPerS: latencies.length / elapsedS, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), commits: latencies.length };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
    await admin.query('DROP TABLE IF EXISTS bench_insert');
    await admin.end();
  }
}
