import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { Notifier } from '../notifications/notifier.js';
import { PollingLoop } from '../common/polling-loop.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { JiraEvent } from '../jira/events/jira-event.js';
import { MalformedEventError } from '../jira/events/jira-event.js';
import { mapJiraEvent } from '../jira/events/jira-event.mapper.js';
import { JiraError } from '../jira/jira.errors.js';
import { type EventFacts, JiraEventPipeline } from './jira-event.pipeline.js';

const MAX_ATTEMPTS = 6;
const POLL_MS = 500;
const BATCH = 16;
/** advisory lock namespace: one order key (one issue) is worked on by one session at a time */
export const ORDER_KEY_LOCK = 72_003;

interface Claimed {
  id: string;
  orderKey: string;
  body: Record<string, unknown>;
  attempts: number;
}

type Prepared = { claimed: Claimed; event: JiraEvent; facts: EventFacts } | { claimed: Claimed; error: Error };

/**
 * Applies stored webhooks in Jira's order per issue (timestamp, then arrival), the fast lane (what
 * can change the flow) before the rest. Several loops each claim a batch of events of different
 * issues by an advisory lock per issue, held by their session while the pipeline reads Jira (outside
 * any transaction), then decide the batch in one transaction, one savepoint per event: two sessions
 * never work on one issue at once, a killed instance's claims end with its connection, and an event
 * that cannot be applied is retried or quarantined alone.
 */
@Injectable()
export class WebhookProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookProcessor');
  private readonly loops: PollingLoop[];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pipeline: JiraEventPipeline,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.loops = Array.from({ length: config.webhookLoops }, (_, i) => new PollingLoop(`WebhookProcessor-${i + 1}`, POLL_MS, () => this.processBatch()));
  }

  onApplicationBootstrap(): void {
    for (const loop of this.loops) loop.start();
  }

  /** Graceful: finishes the batches in flight (their transactions) before the app closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.loops.map((l) => l.stop()));
  }

  wake(): void {
    for (const loop of this.loops) loop.wake();
  }

  /** Applies the next due events, up to a batch; false when there were none. */
  async processBatch(): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    let claimed: Claimed[] = [];
    try {
      claimed = await this.claim(runner);
      if (claimed.length === 0) return false;
      const prepared = await Promise.all(claimed.map((c) => this.prepare(c)));
      const failures = await this.decide(runner, prepared);
      for (const { claimed: c, error } of failures) await this.failed(c, error);
      return true;
    } finally {
      for (const c of claimed) await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [ORDER_KEY_LOCK, c.orderKey]).catch(() => undefined);
      await runner.release();
    }
  }

  private async prepare(claimed: Claimed): Promise<Prepared> {
    try {
      const event = mapJiraEvent(claimed.body as never);
      return { claimed, event, facts: await this.pipeline.prepare(event) };
    } catch (error) {
      return { claimed, error: error as Error };
    }
  }

  /** One transaction for the batch, a savepoint per event; returns the events that failed. */
  private async decide(runner: QueryRunner, prepared: Prepared[]): Promise<{ claimed: Claimed; error: Error }[]> {
    const failures = prepared.filter((p): p is Extract<Prepared, { error: Error }> => 'error' in p);
    const ready = prepared.filter((p): p is Exclude<Prepared, { error: Error }> => !('error' in p));
    if (ready.length === 0) return failures;
    try {
      await runner.startTransaction();
      for (const p of ready) {
        await runner.query('SAVEPOINT event');
        try {
          const [row] = await runner.query(`SELECT status FROM webhook_event WHERE id = $1 FOR UPDATE`, [p.claimed.id]);
          if (row?.status === 'pending') { // another instance may have applied it meanwhile
            await this.pipeline.decide(runner.manager, p.event, p.facts);
            await runner.query(`UPDATE webhook_event SET status = 'processed', processed_at = now(), attempts = attempts + 1, error = NULL WHERE id = $1`, [p.claimed.id]);
          }
          await runner.query('RELEASE SAVEPOINT event');
        } catch (error) {
          await runner.query('ROLLBACK TO SAVEPOINT event');
          failures.push({ claimed: p.claimed, error: error as Error });
        }
      }
      await runner.commitTransaction();
      return failures;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      return [...failures.filter((f) => !ready.some((r) => r.claimed === f.claimed)), ...ready.map((p) => ({ claimed: p.claimed, error: error as Error }))];
    }
  }

  /** The oldest due events of issues no other session works on (fast lane first); their issues' advisory locks are held on return. */
  private async claim(runner: QueryRunner): Promise<Claimed[]> {
    const candidates: { order_key: string }[] = await runner.query(
      `SELECT e.order_key FROM webhook_event e
       WHERE e.status = 'pending' AND e.next_attempt_at <= now()
         AND NOT EXISTS (SELECT 1 FROM webhook_event p WHERE p.order_key = e.order_key AND p.status = 'pending'
                         AND (p.jira_timestamp, p.id) < (e.jira_timestamp, e.id))
       ORDER BY e.lane DESC, e.jira_timestamp, e.id LIMIT ${BATCH * 3}`,
    );
    const claimed: Claimed[] = [];
    for (const { order_key: orderKey } of candidates) {
      if (claimed.length >= BATCH) break;
      if (claimed.some((c) => c.orderKey === orderKey)) continue;
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [ORDER_KEY_LOCK, orderKey]);
      if (!locked) continue;
      // still the first event of its issue, and due, now that nobody else can take one of its events
      const [row] = await runner.query(
        `SELECT e.id, e.body, e.attempts, e.next_attempt_at <= now() AS due FROM webhook_event e
         WHERE e.order_key = $1 AND e.status = 'pending' ORDER BY e.jira_timestamp, e.id LIMIT 1`,
        [orderKey],
      );
      if (row?.due) claimed.push({ id: String(row.id), orderKey, body: row.body, attempts: row.attempts });
      else await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [ORDER_KEY_LOCK, orderKey]);
    }
    return claimed;
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
      await this.notifier.quarantined(m, claimed.id, body, reason, this.clock.now());
    });
  }
}
