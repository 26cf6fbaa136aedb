import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { claimInParallel, inHeldTransaction } from '../common/held-claim.js';
import { PollingLoop } from '../common/polling-loop.js';
import { WakeChannel } from '../common/wake.channel.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { verdictOf } from './domain/delivery.policy.js';
import { signature, SIGNATURE_HEADER } from './domain/notification.signature.js';
import { NotificationSender } from './notification.sender.js';
import { Notifier } from './notifier.js';

const POLL_MS = 1000;
const BATCH = 4;

interface Claimed {
  id: string;
  event_id: string;
  url: string;
  event: string;
  body: string;
  attempts: number;
}

/**
 * Sends notifications in id order per URL: a row is claimed by its row lock (SKIP LOCKED), held for
 * the POST, so two instances never send one row at once and a later row of a URL waits for the
 * earlier one (a receiver answering 500 holds its own queue, not the others).
 */
@Injectable()
export class NotificationWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly loop = new PollingLoop('Notifications', POLL_MS, async () => (await this.drainOnce()) > 0);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sender: NotificationSender,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly wakes: WakeChannel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.processRole === 'web') return; // npm start: the worker process sends them
    this.notifier.onWritten(() => this.loop.wake());
    this.wakes.listen('notifications', () => this.loop.wake());
    this.loop.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** Sends what is due, up to BATCH rows of different URLs at once; returns how many were handled. */
  drainOnce(): Promise<number> {
    return claimInParallel(BATCH, () => inHeldTransaction(this.db, (m) => this.sendNext(m)));
  }

  private async sendNext(m: EntityManager): Promise<boolean> {
    const [row]: Claimed[] = await m.query(
      `SELECT n.id, n.event_id, n.url, n.event, n.body, n.attempts FROM notification n
        WHERE n.status = 'pending' AND n.next_attempt_at <= now()
          AND NOT EXISTS (SELECT 1 FROM notification p WHERE p.url = n.url AND p.id < n.id AND p.status = 'pending')
        ORDER BY n.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    if (!row) return false;
    await this.send(m, { ...row, id: String(row.id) });
    return true;
  }

  private async send(m: EntityManager, row: Claimed): Promise<void> {
    const attempt = row.attempts + 1;
    const secret = this.config.notify.secret;
    const headers: Record<string, string> = {
      'X-Orchestrator-Event': row.event,
      'X-Orchestrator-Delivery': row.event_id,
      ...(secret ? { [SIGNATURE_HEADER]: signature(row.body, secret) } : {}),
    };
    const delivery = await this.sender.post(row.url, row.body, headers);
    const verdict = verdictOf(delivery, attempt, this.config.notify, this.clock.now());
    if (verdict.outcome === 'retry') {
      this.logger.warn(`${row.event} to ${hostOf(row.url)} failed (attempt ${attempt}), retrying in ${verdict.delayMs} ms: ${verdict.error}`);
      await m.query(`UPDATE notification SET attempts = $2, last_error = $3, next_attempt_at = now() + ($4 || ' milliseconds')::interval WHERE id = $1`, [
        row.id,
        attempt,
        verdict.error,
        String(verdict.delayMs),
      ]);
      return;
    }
    if (verdict.outcome === 'failed') this.logger.error(`${row.event} to ${hostOf(row.url)} failed for good after ${attempt} attempt(s): ${verdict.error}`);
    await m.query(`UPDATE notification SET status = $2, attempts = $3, last_error = $4, finished_at = now() WHERE id = $1`, [
      row.id,
      verdict.outcome,
      attempt,
      verdict.outcome === 'failed' ? verdict.error : null,
    ]);
  }
}

/** A webhook URL often carries its secret in the path (Slack, Teams): log only the host. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the receiver';
  }
}
