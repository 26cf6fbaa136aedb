import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { Notifier } from '../notifications/notifier.js';
import { PollingLoop } from '../common/polling-loop.js';
import { WakeChannel } from '../common/wake.channel.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { JiraEvent } from '../jira/events/jira-event.js';
import { MalformedEventError } from '../jira/events/jira-event.js';
import { decidesNothing, mapJiraEvent } from '../jira/events/jira-event.mapper.js';
import { JiraError, retryDelayMs } from '../jira/jira.errors.js';
import { type BatchKnowledge, type EventFacts, JiraEventPipeline } from './jira-event.pipeline.js';
import { ADVISORY_LOCKS } from '../common/advisory-locks.js';

const MAX_ATTEMPTS = 6;
const RETRY_BASE_MS = 500;
const POLL_MS = 500;
const BATCH = 16;
const ORDER_KEY_LOCK = ADVISORY_LOCKS.webhookOrderKey;

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
 * any transaction), then decide the batch in one transaction (one by one again if one of them fails):
 * two sessions never work on one issue at once, a killed instance's claims end with its connection,
 * and an event that cannot be applied is retried or quarantined alone.
 */
@Injectable()
export class WebhookProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookProcessor');
  private readonly loops: PollingLoop[];
  private readonly role: AppConfig['processRole'];
  private readonly rules: { serviceDeskProject: string; autoEscalate: boolean };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pipeline: JiraEventPipeline,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly wakes: WakeChannel,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.role = config.processRole;
    this.rules = { serviceDeskProject: config.serviceDeskProject, autoEscalate: config.serviceDesk.autoEscalateBugs };
    this.loops = Array.from({ length: config.webhookLoops }, (_, i) => new PollingLoop(`WebhookProcessor-${i + 1}`, POLL_MS, () => this.processBatch()));
  }

  onApplicationBootstrap(): void {
    if (this.role === 'web') return; // npm start: the worker process applies the webhooks
    this.wakes.listen('webhooks', () => this.wake());
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
      const mapped = claimed.map((c) => this.map(c));
      const known = await this.pipeline.knownOf(mapped.flatMap((m) => ('event' in m ? [m.event] : [])));
      const prepared = await Promise.all(mapped.map((m) => ('event' in m ? this.prepare(m.claimed, m.event, known) : m)));
      const failures = await this.decide(runner, prepared);
      for (const { claimed: c, error } of failures) await this.failed(c, error);
      return true;
    } finally {
      await this.unlock(
        runner,
        claimed.map((c) => c.orderKey),
      ).catch(() => undefined);
      await runner.release();
    }
  }

  private map(claimed: Claimed): { claimed: Claimed; event: JiraEvent } | { claimed: Claimed; error: Error } {
    try {
      return { claimed, event: mapJiraEvent(claimed.body as never) };
    } catch (error) {
      return { claimed, error: error as Error };
    }
  }

  private async prepare(claimed: Claimed, event: JiraEvent, known: BatchKnowledge): Promise<Prepared> {
    try {
      return { claimed, event, facts: await this.pipeline.prepare(event, known.of(event)) };
    } catch (error) {
      return { claimed, error: error as Error };
    }
  }

  /**
   * The batch in one transaction; if any event of it fails, the batch is rolled back and each event
   * is decided again in a transaction of its own, so one event's failure is retried or quarantined
   * alone. Returns the events that failed.
   */
  private async decide(runner: QueryRunner, prepared: Prepared[]): Promise<{ claimed: Claimed; error: Error }[]> {
    const failures = prepared.filter((p): p is Extract<Prepared, { error: Error }> => 'error' in p);
    const ready = prepared.filter((p): p is Exclude<Prepared, { error: Error }> => !('error' in p));
    if (ready.length === 0) return failures;
    try {
      await this.decideTogether(runner, ready);
      return failures;
    } catch {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    }
    for (const p of ready) {
      try {
        await this.decideTogether(runner, [p]);
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        failures.push({ claimed: p.claimed, error: error as Error });
      }
    }
    return failures;
  }

  private async decideTogether(runner: QueryRunner, ready: Exclude<Prepared, { error: Error }>[]): Promise<void> {
    await runner.startTransaction();
    this.audit.hold(runner.manager); // the batch's audit rows in one statement at the end
    try {
      await this.decideIn(runner, ready);
    } finally {
      this.audit.drop(runner.manager);
      this.pipeline.endBatch(runner.manager);
    }
  }

  private async decideIn(runner: QueryRunner, ready: Exclude<Prepared, { error: Error }>[]): Promise<void> {
    // another instance may have applied some meanwhile: only the still pending ones are decided
    const rows: { id: string }[] = await runner.query(`SELECT id FROM webhook_event WHERE id = ANY($1::bigint[]) AND status = 'pending' FOR UPDATE`, [
      ready.map((p) => p.claimed.id),
    ]);
    const pending = new Set(rows.map((r) => String(r.id)));
    const processed = ready.filter((r) => pending.has(r.claimed.id));
    // one that decides nothing was stored before it was known as such, or replayed: it is only marked processed
    const deciding = processed.filter((p) => !decidesNothing(p.claimed.body, this.rules));
    await this.pipeline.beginBatch(
      runner.manager,
      deciding.map((p) => p.event),
    );
    for (const p of deciding) await this.pipeline.decide(runner.manager, p.event, p.facts);
    await this.audit.flush(runner.manager);
    await runner.query(
      `UPDATE webhook_event SET status = 'processed', processed_at = now(), attempts = attempts + 1, error = NULL WHERE id = ANY($1::bigint[])`,
      [processed.map((p) => p.claimed.id)],
    );
    await runner.commitTransaction();
  }

  /**
   * The oldest due events of issues no other session works on (fast lane first), one per issue, up
   * to a batch; their issues' advisory locks are held on return. Four statements, whatever the batch.
   */
  private async claim(runner: QueryRunner): Promise<Claimed[]> {
    const locked: { order_key: string }[] = await runner.query(
      `WITH candidates AS MATERIALIZED (
         SELECT e.order_key, e.lane, e.jira_timestamp, e.id FROM webhook_event e
         WHERE e.status = 'pending' AND e.next_attempt_at <= now()
           AND NOT EXISTS (SELECT 1 FROM webhook_event p WHERE p.order_key = e.order_key AND p.status = 'pending'
                           AND (p.jira_timestamp, p.id) < (e.jira_timestamp, e.id))
         ORDER BY e.lane DESC, e.jira_timestamp, e.id LIMIT ${BATCH * 3})
       SELECT order_key FROM candidates WHERE pg_try_advisory_lock(${ORDER_KEY_LOCK}, hashtext(order_key)) ORDER BY lane DESC, jira_timestamp, id`,
    );
    const keys = [...new Set(locked.map((r) => r.order_key))];
    await this.unlock(runner, keys.slice(BATCH));
    const mine = keys.slice(0, BATCH);
    if (mine.length === 0) return [];
    // still the first event of its issue, and due, now that nobody else can take one of its events
    const firsts: { id: string; order_key: string; body: Record<string, unknown>; attempts: number; due: boolean }[] = await runner.query(
      `SELECT DISTINCT ON (order_key) id, order_key, body, attempts, next_attempt_at <= now() AS due FROM webhook_event
       WHERE status = 'pending' AND order_key = ANY($1::text[]) ORDER BY order_key, jira_timestamp, id`,
      [mine],
    );
    const byKey = new Map(firsts.filter((f) => f.due).map((f) => [f.order_key, f]));
    await this.unlock(
      runner,
      mine.filter((k) => !byKey.has(k)),
    );
    return mine.flatMap((k) => {
      const f = byKey.get(k);
      return f ? [{ id: String(f.id), orderKey: k, body: f.body, attempts: f.attempts }] : [];
    });
  }

  private async unlock(runner: QueryRunner, keys: string[]): Promise<void> {
    if (keys.length) await runner.query(`SELECT pg_advisory_unlock(${ORDER_KEY_LOCK}, hashtext(k)) FROM unnest($1::text[]) AS k`, [keys]);
  }

  /** Jira being down is worth retrying; a malformed event or a bug is quarantined at once or after a few tries. */
  private async failed(claimed: Claimed, error: Error): Promise<void> {
    const attempts = claimed.attempts + 1;
    const retry = !(error instanceof MalformedEventError) && attempts < MAX_ATTEMPTS && (error instanceof JiraError ? error.retryable : true);
    const reason = `${error.name}: ${error.message}`.slice(0, 2000);
    if (retry) {
      const delayMs = retryDelayMs(error, attempts, RETRY_BASE_MS);
      await this.db.query(`UPDATE webhook_event SET attempts = $2, error = $3, next_attempt_at = now() + ($4 || ' milliseconds')::interval WHERE id = $1`, [
        claimed.id,
        attempts,
        reason,
        String(delayMs),
      ]);
      this.logger.warn(`Webhook ${claimed.id} failed (attempt ${attempts}), retrying: ${reason}`);
      return;
    }
    this.logger.error(`Webhook ${claimed.id} quarantined: ${reason}`);
    await this.db.transaction(async (m) => {
      await m.query(`UPDATE webhook_event SET status = 'quarantined', attempts = $2, error = $3, processed_at = now() WHERE id = $1`, [
        claimed.id,
        attempts,
        reason,
      ]);
      const body = claimed.body as { webhookEvent?: unknown; issue?: { key?: unknown } };
      await this.audit.append(m, [
        {
          type: 'webhook.quarantined',
          ticketKey: typeof body.issue?.key === 'string' ? body.issue.key : null,
          at: this.clock.now(),
          data: { webhookId: claimed.id, webhookEvent: body.webhookEvent ?? null, reason },
        },
      ]);
      await this.notifier.quarantined(m, claimed.id, body, reason, this.clock.now());
    });
  }
}
