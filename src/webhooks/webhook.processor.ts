import { Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { Notifier } from '../notifications/notifier.js';
import { JiraError } from '../jira/jira.errors.js';
import { MalformedEventError } from './domain/jira-event.js';
import { mapJiraEvent } from './domain/jira-event.mapper.js';
import { JiraEventBus } from './jira-event.bus.js';
import { PollingLoop } from '../common/polling-loop.js';

const MAX_ATTEMPTS = 6;
const POLL_MS = 500;

interface Claimed {
  id: string;
  body: Record<string, unknown>;
  attempts: number;
}

/**
 * Applies stored webhooks one at a time per issue, in Jira's order (timestamp, then arrival). The
 * event row stays locked for its transaction, so two instances never apply the same event, and an
 * event that cannot be applied is quarantined with its reason instead of blocking the others.
 */
@Injectable()
export class WebhookProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookProcessor');
  private readonly loop = new PollingLoop('WebhookProcessor', POLL_MS, () => this.processNext());

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bus: JiraEventBus,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
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
    let claimed: Claimed | null = null;
    try {
      return await this.db.transaction(async (m) => {
        claimed = await this.claim(m);
        if (!claimed) return false;
        const event = mapJiraEvent(claimed.body as never);
        await this.bus.publish(event, m);
        await m.query(`UPDATE webhook_event SET status = 'processed', processed_at = now(), attempts = attempts + 1, error = NULL WHERE id = $1`, [claimed.id]);
        return true;
      });
    } catch (error) {
      if (!claimed) throw error;
      await this.failed(claimed, error as Error);
      return true;
    }
  }

  private async claim(m: EntityManager): Promise<Claimed | null> {
    const rows: Claimed[] = await m.query(
      `SELECT e.id, e.body, e.attempts FROM webhook_event e
       WHERE e.status = 'pending' AND e.next_attempt_at <= now()
         AND NOT EXISTS (SELECT 1 FROM webhook_event p WHERE p.order_key = e.order_key AND p.status = 'pending'
                         AND (p.jira_timestamp, p.id) < (e.jira_timestamp, e.id))
       ORDER BY e.jira_timestamp, e.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return rows[0] ? { ...rows[0], id: String(rows[0].id) } : null;
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
