import type { DataSource, QueryRunner } from 'typeorm';

/**
 * A session advisory lock in a two-key namespace (`ADVISORY_LOCKS`), held by the runner's connection
 * until unlocked or until the connection ends (a killed process drops its locks). Needs session
 * pooling, or direct connections: a transaction-pooling proxy would hand the session to another client.
 */
export async function tryLock(runner: QueryRunner, namespace: number, key: number | string): Promise<boolean> {
  const [{ locked }]: { locked: boolean }[] = await runner.query(
    typeof key === 'number' ? 'SELECT pg_try_advisory_lock($1, $2) AS locked' : 'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
    [namespace, key],
  );
  return locked;
}

/**
 * Unlocks before the connection goes back to the pool; if that fails, every lock of the session goes
 * (a lock left on a pooled connection would block its key).
 */
export async function unlock(runner: QueryRunner, namespace: number, key: number | string): Promise<void> {
  const sql = typeof key === 'number' ? 'SELECT pg_advisory_unlock($1, $2)' : 'SELECT pg_advisory_unlock($1, hashtext($2))';
  await runner
    .query(sql, [namespace, key])
    .catch(() => runner.query('SELECT pg_advisory_unlock_all()'))
    .catch(() => undefined); // the connection is gone, and its locks with it
}

/** Whether any session holds this lock now (a read of pg_locks: takes nothing). */
export async function isLocked(m: { query(sql: string, params?: unknown[]): Promise<unknown> }, namespace: number, key: number | string): Promise<boolean> {
  const objid = typeof key === 'number' ? '$2::int::oid' : 'hashtext($2)::oid';
  const rows = (await m.query(
    `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = $1::int::oid AND objid = ${objid}`,
    [namespace, key],
  )) as unknown[];
  return rows.length > 0;
}

/**
 * Runs `work` while a session of its own holds the single-key advisory lock `id` (`ADVISORY_LOCKS`: one
 * instance at a time for a job whose pass calls Jira, so no transaction is held across it); null when
 * another session holds the lock.
 */
export async function withSessionLock<T>(db: DataSource, id: number, work: () => Promise<T>): Promise<T | null> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }]: { locked: boolean }[] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [id]);
    if (!locked) return null;
    try {
      return await work();
    } finally {
      await runner
        .query('SELECT pg_advisory_unlock($1)', [id])
        .catch(() => runner.query('SELECT pg_advisory_unlock_all()'))
        .catch(() => undefined); // the connection is gone, and its locks with it
    }
  } finally {
    await runner.release();
  }
}
