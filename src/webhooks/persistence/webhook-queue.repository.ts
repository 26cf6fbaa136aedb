import type { WebhookBody } from '../../jira/events/jira-event.mapper.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { ADVISORY_LOCKS } from '../../common/advisory-locks.js';

const ORDER_KEY_LOCK = ADVISORY_LOCKS.webhookOrderKey;

export interface ClaimedWebhook {
  id: string;
  orderKey: string;
  body: WebhookBody;
  attempts: number;
}

/**
 * The stored webhooks as a queue: claim (per issue, in Jira's order, the fast lane first), complete,
 * retry later, quarantine. A claim is an advisory lock per order key held by the claiming session, so
 * two sessions never work on one issue at once and a killed instance's claims end with its connection.
 */
@Injectable()
export class WebhookQueue {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The oldest due events of issues no other session works on (fast lane first), one per issue, up to
   * `batch`; their order keys' locks are held by `runner` on return. Four statements, whatever the batch.
   */
  async claim(runner: QueryRunner, batch: number): Promise<ClaimedWebhook[]> {
    const locked: { order_key: string }[] = await runner.query(
      `WITH candidates AS MATERIALIZED (
         SELECT e.order_key, e.lane, e.jira_timestamp, e.id FROM webhook_event e
         WHERE e.status = 'pending' AND e.next_attempt_at <= now()
           AND NOT EXISTS (SELECT 1 FROM webhook_event p WHERE p.order_key = e.order_key AND p.status = 'pending'
                           AND (p.jira_timestamp, p.id) < (e.jira_timestamp, e.id))
         ORDER BY e.lane DESC, e.jira_timestamp, e.id LIMIT ${batch * 3})
       SELECT order_key FROM candidates WHERE pg_try_advisory_lock(${ORDER_KEY_LOCK}, hashtext(order_key)) ORDER BY lane DESC, jira_timestamp, id`,
    );
    const keys = [...new Set(locked.map((r) => r.order_key))];
    await this.release(runner, keys.slice(batch));
    const mine = keys.slice(0, batch);
    if (mine.length === 0) return [];
    // still the first event of its issue, and due, now that nobody else can take one of its events
    let firsts: { id: string; order_key: string; body: WebhookBody; attempts: number; due: boolean }[];
    try {
      firsts = await runner.query(
        `SELECT DISTINCT ON (order_key) id, order_key, body, attempts, next_attempt_at <= now() AS due FROM webhook_event
         WHERE status = 'pending' AND order_key = ANY($1::text[]) ORDER BY order_key, jira_timestamp, id`,
        [mine],
      );
    } catch (error) {
      // the caller has no claim to end yet: the session's locks would outlive this batch
      await this.release(runner, mine).catch(() => undefined);
      throw error;
    }
    const byKey = new Map(firsts.filter((f) => f.due).map((f) => [f.order_key, f]));
    await this.release(
      runner,
      mine.filter((k) => !byKey.has(k)),
    );
    return mine.flatMap((k) => {
      const f = byKey.get(k);
      return f ? [{ id: String(f.id), orderKey: k, body: f.body, attempts: f.attempts }] : [];
    });
  }

  /** Ends the claims of these order keys. */
  async release(runner: QueryRunner, orderKeys: string[]): Promise<void> {
    if (orderKeys.length) await runner.query(`SELECT pg_advisory_unlock(${ORDER_KEY_LOCK}, hashtext(k)) FROM unnest($1::text[]) AS k`, [orderKeys]);
  }

  /** Holds one order key's claim (a reconciliation repairing an issue waits for the webhooks working on it). */
  async hold(runner: QueryRunner, orderKey: string): Promise<void> {
    await runner.query('SELECT pg_advisory_lock($1, hashtext($2))', [ORDER_KEY_LOCK, orderKey]);
  }

  /** The ones still pending, locked for the decision's transaction (another instance may have applied some meanwhile). */
  async stillPending(m: EntityManager, ids: string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM webhook_event WHERE id = ANY($1::bigint[]) AND status = 'pending' FOR UPDATE`, [ids]);
    return new Set(rows.map((r) => String(r.id)));
  }

  async complete(m: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await m.query(`UPDATE webhook_event SET status = 'processed', processed_at = now(), attempts = attempts + 1, error = NULL WHERE id = ANY($1::bigint[])`, [
      ids,
    ]);
  }

  async retryLater(id: string, attempts: number, reason: string, delayMs: number): Promise<void> {
    await this.db.query(`UPDATE webhook_event SET attempts = $2, error = $3, next_attempt_at = now() + ($4 || ' milliseconds')::interval WHERE id = $1`, [
      id,
      attempts,
      reason,
      String(delayMs),
    ]);
  }

  async quarantine(m: EntityManager, id: string, attempts: number, reason: string): Promise<void> {
    await m.query(`UPDATE webhook_event SET status = 'quarantined', attempts = $2, error = $3, processed_at = now() WHERE id = $1`, [id, attempts, reason]);
  }
}
