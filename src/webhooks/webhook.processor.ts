import { Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { PollingLoop } from '../common/polling-loop.js';
import { MalformedEventError } from '../jira/events/jira-event.js';
import { mapJiraEvent } from '../jira/events/jira-event.mapper.js';
import { JiraError } from '../jira/jira.errors.js';
import { JiraEventPipeline } from './jira-event.pipeline.js';

const MAX_ATTEMPTS = 6;
const POLL_MS = 500;
const CANDIDATES = 20;
/** advisory lock namespace: one order key (one issue) is worked on by one session at a time */
export const ORDER_KEY_LOCK = 72_003;

interface Claimed {
  id: string;
  orderKey: string;
  body: Record<string, unknown>;
  attempts: number;
}

/**
 * Applies stored webhooks in Jira's order per issue (timestamp, then arrival). An event is claimed by
 * an advisory lock on its issue, held by this session while the pipeline reads Jira (outside any
 * transaction) and then decides in one transaction: two instances never work on one issue at once,
 * and a killed instance's claim ends with its connection. An event that cannot be applied is
 * quarantined with its reason instead of blocking the others.
 */
@Injectable()
export class WebhookProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookProcessor');
  private readonly loop = new PollingLoop('WebhookProcessor', POLL_MS, () => this.processNext());

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pipeline: JiraEventPipeline,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  /** Graceful: finishes the event in flight (its transaction) before the app closes. */
  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  wake(): void {
    this.loop.wake();
  }

  /** Applies the next due event; false when there is none. */
  async processNext(): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const claimed = await this.claim(runner);
      if (!claimed) return false;
      try {
        await this.apply(runner, claimed);
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        await this.failed(claimed, error as Error);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [ORDER_KEY_LOCK, claimed.orderKey]);
      }
      return true;
    } finally {
      await runner.release();
    }
  }

  private async apply(runner: QueryRunner, claimed: Claimed): Promise<void> {
    const event = mapJiraEvent(claimed.body as never);
    const facts = await this.pipeline.prepare(event);
    await runner.startTransaction();
    const [row] = await runner.query(`SELECT status FROM webhook_event WHERE id = $1 FOR UPDATE`, [claimed.id]);
    if (row?.status !== 'pending') return runner.rollbackTransaction(); // another instance applied it meanwhile
    await this.pipeline.decide(runner.manager, event, facts);
    await runner.query(`UPDATE webhook_event SET status = 'processed', processed_at = now(), attempts = attempts + 1, error = NULL WHERE id = $1`, [claimed.id]);
    await runner.commitTransaction();
  }

  /** The oldest due event of an issue no other session works on; its issue's advisory lock is held on return. */
  private async claim(runner: QueryRunner): Promise<Claimed | null> {
    const candidates: { id: string; order_key: string }[] = await runner.query(
      `SELECT e.id, e.order_key FROM webhook_event e
       WHERE e.status = 'pending' AND e.next_attempt_at <= now()
         AND NOT EXISTS (SELECT 1 FROM webhook_event p WHERE p.order_key = e.order_key AND p.status = 'pending'
                         AND (p.jira_timestamp, p.id) < (e.jira_timestamp, e.id))
       ORDER BY e.jira_timestamp, e.id LIMIT ${CANDIDATES}`,
    );
    for (const candidate of candidates) {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [ORDER_KEY_LOCK, candidate.order_key]);
      if (!locked) continue;
      // still the first due event of its issue, now that nobody else can take one of its events
      const [row] = await runner.query(
        `SELECT e.id, e.order_key, e.body, e.attempts, e.next_attempt_at <= now() AS due FROM webhook_event e
         WHERE e.order_key = $1 AND e.status = 'pending' ORDER BY e.jira_timestamp, e.id LIMIT 1`,
        [candidate.order_key],
      );
      if (row?.due) return { id: String(row.id), orderKey: row.order_key, body: row.body, attempts: row.attempts };
      await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [ORDER_KEY_LOCK, candidate.order_key]);
    }
    return null;
  }

  /** Jira being down is worth retrying; a malformed event or a bug is quarantined at once or after a few tries. */
  private async failed(claimed: Claimed, error: Error): Promise<void> {
    const attempts = claimed.attempts + 1;
    const retry = !(error instanceof MalformedEventError) && attempts < MAX_ATTEMPTS && (error instanceof JiraError ? error.retryable : true);
    const reason = `${error.name}: ${error.message}`.slice(0, 2000);
    if (retry) {
      const delayMs = Math.min(60_000, 250 * 2 ** attempts);
      await this.db.query(
        `UPDATE webhook_event SET attempts = $2, error = $3, next_attempt_at = now() + ($4 || ' milliseconds')::interval WHERE id = $1`,
        [claimed.id, attempts, reason, String(delayMs)],
      );
      this.logger.warn(`Webhook ${claimed.id} failed (attempt ${attempts}), retrying: ${reason}`);
      return;
    }
    this.logger.error(`Webhook ${claimed.id} quarantined: ${reason}`);
    await this.db.transaction(async (m) => {
      await m.query(`UPDATE webhook_event SET status = 'quarantined', attempts = $2, error = $3, processed_at = now() WHERE id = $1`, [claimed.id, attempts, reason]);
      const body = claimed.body as { webhookEvent?: unknown; issue?: { key?: unknown } };
      await this.audit.append(m, [{
        type: 'webhook.quarantined', ticketKey: typeof body.issue?.key === 'string' ? body.issue.key : null, at: this.clock.now(),
        data: { webhookId: claimed.id, webhookEvent: body.webhookEvent ?? null, reason },
      }]);
    });
  }
}
