import type { QueryRunner } from 'typeorm';
import { tryLock, unlock } from './session-lock.js';

/** A table of rows sent one by one, in id order per key (an issue, a receiver's URL). */
export interface RowQueueTable {
  table: 'jira_change' | 'notification';
  /** rows of one key are sent in id order: a later one waits for the earlier */
  keyColumn: 'ordering_key' | 'url';
  /** the advisory lock namespace of its claims (ADVISORY_LOCKS) */
  lockNamespace: number;
}

const CANDIDATES = 16;

/** a row id's key in its advisory lock namespace (two int4 keys; ids past 2^31 wrap, and only share a lock) */
export function rowLockKey(id: string): number {
  return Number(BigInt(id) % 2_147_483_647n);
}

/**
 * The claim of an outbox-like queue: the first due row of a key with nothing before it pending, whose
 * session advisory lock this session gets. The lock, not a transaction, holds the claim while the row
 * is sent (so the send runs outside any transaction), and ends with the connection if the process
 * dies. The worker records and finishes the row in short transactions of its own.
 */
export class RowQueue {
  constructor(private readonly q: RowQueueTable) {}

  /** The claimed row's id (its lock held by `runner`), or null when nothing is due. */
  async claim(runner: QueryRunner): Promise<string | null> {
    const { table, keyColumn } = this.q;
    const due: { id: string }[] = await runner.query(
      `SELECT c.id FROM ${table} c
       WHERE c.status = 'pending' AND c.next_attempt_at <= now()
         AND NOT EXISTS (SELECT 1 FROM ${table} p WHERE p.${keyColumn} = c.${keyColumn} AND p.id < c.id AND p.status = 'pending')
       ORDER BY c.id LIMIT ${CANDIDATES}`,
    );
    for (const { id } of due) if (await tryLock(runner, this.q.lockNamespace, rowLockKey(String(id)))) return String(id);
    return null;
  }

  /** The condition a claimed row must still meet when it is taken (another session may have sent it meanwhile). */
  stillDue(alias: string): string {
    const { table, keyColumn } = this.q;
    return `${alias}.status = 'pending' AND ${alias}.next_attempt_at <= now()
      AND NOT EXISTS (SELECT 1 FROM ${table} p WHERE p.${keyColumn} = ${alias}.${keyColumn} AND p.id < ${alias}.id AND p.status = 'pending')`;
  }

  release(runner: QueryRunner, id: string): Promise<void> {
    return unlock(runner, this.q.lockNamespace, rowLockKey(id));
  }

  /** Tried again after `delayMs`, with the error that stopped it. */
  async retryLater(runner: QueryRunner, id: string, attempts: number | null, error: string, delayMs: number): Promise<void> {
    const counted = attempts === null ? '' : ', attempts = $4';
    await runner.query(
      `UPDATE ${this.q.table} SET last_error = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval${counted} WHERE id = $1`,
      attempts === null ? [id, error, String(delayMs)] : [id, error, String(delayMs), attempts],
    );
  }
}
