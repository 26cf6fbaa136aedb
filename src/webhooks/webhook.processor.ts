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
import { EventDecider } from './event.decider.js';
import { EventReader, type Prepared } from './event.reader.js';
import { type ClaimedWebhook, WebhookQueue } from './persistence/webhook-queue.repository.js';

const MAX_ATTEMPTS = 6;
const RETRY_BASE_MS = 500;
const POLL_MS = 500;
const BATCH = 16;

type Ready = { claimed: ClaimedWebhook; prepared: Prepared };
type Failed = { claimed: ClaimedWebhook; error: Error };

/**
 * Applies stored webhooks in Jira's order per issue (timestamp, then arrival), the fast lane (what
 * can change the flow) before the rest. Several loops each claim a batch of events of different
 * issues (`WebhookQueue`), read what their decisions need from Jira (outside any transaction), then
 * decide the batch in one transaction (one by one again if one of them fails): an event that cannot
 * be applied is retried or quarantined alone.
 */
@Injectable()
export class WebhookProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookProcessor');
  private readonly loops: PollingLoop[];
  private readonly role: AppConfig['processRole'];
  private readonly rules: { serviceDeskProject: string; autoEscalate: boolean };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: WebhookQueue,
    private readonly reader: EventReader,
    private readonly decider: EventDecider,
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
    let claimed: ClaimedWebhook[] = [];
    try {
      claimed = await this.queue.claim(runner, BATCH);
      if (claimed.length === 0) return false;
      const mapped = claimed.map((c) => this.map(c));
      const events = mapped.flatMap((m) => ('event' in m ? [m] : []));
      const read = await this.reader.readAll(events.map((m) => m.event));
      const prepared: (Ready | Failed)[] = [
        ...mapped.flatMap((m) => ('error' in m ? [m] : [])),
        ...events.map(({ claimed: c }, i) => (read[i] instanceof Error ? { claimed: c, error: read[i] } : { claimed: c, prepared: read[i] })),
      ];
      const failures = await this.decide(runner, prepared);
      for (const { claimed: c, error } of failures) await this.failed(c, error);
      return true;
    } finally {
      await this.queue
        .release(
          runner,
          claimed.map((c) => c.orderKey),
        )
        .catch(() => undefined);
      await runner.release();
    }
  }

  private map(claimed: ClaimedWebhook): { claimed: ClaimedWebhook; event: JiraEvent } | Failed {
    try {
      return { claimed, event: mapJiraEvent(claimed.body) };
    } catch (error) {
      return { claimed, error: error as Error };
    }
  }

  /**
   * The batch in one transaction; if any event of it fails, the batch is rolled back and each event
   * is decided again in a transaction of its own, so one event's failure is retried or quarantined
   * alone. Returns the events that failed.
   */
  private async decide(runner: QueryRunner, prepared: (Ready | Failed)[]): Promise<Failed[]> {
    const failures = prepared.filter((p): p is Failed => 'error' in p);
    const ready = prepared.filter((p): p is Ready => !('error' in p));
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

  private async decideTogether(runner: QueryRunner, ready: Ready[]): Promise<void> {
    await runner.startTransaction();
    const m = runner.manager;
    const pending = await this.queue.stillPending(
      m,
      ready.map((p) => p.claimed.id),
    );
    const processed = ready.filter((r) => pending.has(r.claimed.id));
    // one that decides nothing was stored before it was known as such, or replayed: it is only marked processed
    const deciding = processed.filter((p) => !decidesNothing(p.claimed.body, this.rules));
    const tx = await this.decider.open(
      m,
      deciding.map((p) => p.prepared),
    );
    for (const p of deciding) await this.decider.decide(tx, p.prepared);
    await this.decider.close(tx);
    await this.queue.complete(
      m,
      processed.map((p) => p.claimed.id),
    );
    await runner.commitTransaction();
  }

  /** Jira being down is worth retrying; a malformed event or a bug is quarantined at once or after a few tries. */
  private async failed(claimed: ClaimedWebhook, error: Error): Promise<void> {
    const attempts = claimed.attempts + 1;
    const retry = !(error instanceof MalformedEventError) && attempts < MAX_ATTEMPTS && (error instanceof JiraError ? error.retryable : true);
    const reason = `${error.name}: ${error.message}`.slice(0, 2000);
    if (retry) {
      await this.queue.retryLater(claimed.id, attempts, reason, retryDelayMs(error, attempts, RETRY_BASE_MS));
      this.logger.warn(`Webhook ${claimed.id} failed (attempt ${attempts}), retrying: ${reason}`);
      return;
    }
    this.logger.error(`Webhook ${claimed.id} quarantined: ${reason}`);
    await this.db.transaction(async (m) => {
      await this.queue.quarantine(m, claimed.id, attempts, reason);
      await this.audit.append(m, [
        {
          type: 'webhook.quarantined',
          ticketKey: typeof claimed.body.issue?.key === 'string' ? claimed.body.issue.key : null,
          at: this.clock.now(),
          data: { webhookId: claimed.id, webhookEvent: claimed.body.webhookEvent ?? null, reason },
        },
      ]);
      await this.notifier.quarantined(m, claimed.id, claimed.body, reason, this.clock.now());
    });
  }
}
