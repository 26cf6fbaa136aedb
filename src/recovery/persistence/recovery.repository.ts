import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ADVISORY_LOCKS } from '../../common/advisory-locks.js';
import { rowLockKey } from '../../common/row-queue.js';
import { isLocked } from '../../common/session-lock.js';
import { JiraChangeEntity } from '../../jira/persistence/jira-change.entity.js';
import type { WebhookStatus } from '../domain/recovery.rules.js';

export interface StoredWebhook {
  id: string;
  status: WebhookStatus;
  eventType: string;
  orderKey: string;
  jiraTimestamp: string;
  issueKey: string | null;
  error: string | null;
  attempts: number;
  receivedAt: Date;
  processedAt: Date | null;
}

const WEBHOOK_COLUMNS = `id::text AS "id", status, event_type AS "eventType", order_key AS "orderKey", jira_timestamp::text AS "jiraTimestamp",
  body->'issue'->>'key' AS "issueKey", error, attempts, received_at AS "receivedAt", processed_at AS "processedAt"`;
const BIGINT = /^[1-9][0-9]{0,17}$/;

/** The rows an operator acts on, locked for the caller's transaction (ids that cannot be ids find nothing). */
@Injectable()
export class RecoveryRepository {
  /**
   * The change, locked; 'busy' when it is in flight: the outbox worker holds its advisory lock while it
   * sends it to Jira (and its row only while it commits what Jira answered). Never waited for.
   */
  async lockChange(m: EntityManager, id: string): Promise<JiraChangeEntity | 'busy' | null> {
    if (!BIGINT.test(id)) return null;
    const row = await m.findOne(JiraChangeEntity, { where: { id }, lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' } });
    if (row) return (await isLocked(m, ADVISORY_LOCKS.outboxCommand, rowLockKey(id))) ? 'busy' : row;
    return (await m.existsBy(JiraChangeEntity, { id })) ? 'busy' : null;
  }

  /** The change sent right after `change` for the same issue, locked (null when there is none or it is in flight). */
  async lockNextChange(m: EntityManager, change: JiraChangeEntity): Promise<JiraChangeEntity | null> {
    const [next] = await m.query(`SELECT id FROM jira_change WHERE ordering_key = $1 AND id > $2 ORDER BY id LIMIT 1`, [change.orderingKey, change.id]);
    const row = next ? await this.lockChange(m, String(next.id)) : null;
    return row === 'busy' ? null : row;
  }

  async change(m: EntityManager, id: string): Promise<JiraChangeEntity> {
    return m.findOneByOrFail(JiraChangeEntity, { id });
  }

  /** Back in the outbox with a fresh budget of attempts, due now; it keeps its id, so its place in the issue's order. */
  async requeueChanges(m: EntityManager, ids: string[]): Promise<void> {
    await m.query(
      `UPDATE jira_change SET status = 'pending', attempts = 0, next_attempt_at = now(), outcome = NULL, finished_at = NULL WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  }

  async abandonChanges(m: EntityManager, ids: string[], reason: string): Promise<void> {
    await m.query(`UPDATE jira_change SET status = 'abandoned', abandon_reason = $2 WHERE id = ANY($1::bigint[])`, [ids, reason]);
  }

  async quarantined(m: EntityManager, limit: number): Promise<StoredWebhook[]> {
    return m.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhook_event WHERE status = 'quarantined' ORDER BY id DESC LIMIT $1`, [limit]);
  }

  /** The webhook, locked; one the processor is applying right now (its row is locked) reads as pending, unlocked. */
  async lockWebhook(m: EntityManager, id: string): Promise<StoredWebhook | null> {
    if (!BIGINT.test(id)) return null;
    const [row] = await m.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhook_event WHERE id = $1 FOR UPDATE SKIP LOCKED`, [id]);
    if (row) return row;
    const [busy] = await m.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhook_event WHERE id = $1`, [id]);
    return busy ? { ...busy, status: 'pending' } : null;
  }

  /** A sprint event applied after this one in Jira's order, if any. */
  async newerAppliedInOrder(m: EntityManager, webhook: StoredWebhook): Promise<{ id: string; event: string } | null> {
    const [row] = await m.query(
      `SELECT id::text AS id, event_type AS event FROM webhook_event
       WHERE order_key = $1 AND status = 'processed' AND (jira_timestamp, id) > ($2::bigint, $3::bigint) ORDER BY jira_timestamp DESC, id DESC LIMIT 1`,
      [webhook.orderKey, webhook.jiraTimestamp, webhook.id],
    );
    return row ?? null;
  }

  /** Pending again, due now, with the processor's full budget of attempts; the processor applies it in the issue's order. */
  async requeueWebhook(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE webhook_event SET status = 'pending', attempts = 0, next_attempt_at = now(), processed_at = NULL WHERE id = $1`, [id]);
  }
}
