import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { ADVISORY_LOCKS } from '../common/advisory-locks.js';
import { Clock } from '../common/clock.js';
import { claimInParallel } from '../common/claim-in-parallel.js';
import { RowQueue } from '../common/row-queue.js';
import { PollingLoop } from '../common/polling-loop.js';
import { WakeChannel } from '../common/wake.channel.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { verdictOf } from './domain/delivery.policy.js';
import { signature, SIGNATURE_HEADER } from './domain/notification.signature.js';
import { NotificationSender } from './notification.sender.js';
import { Notifier } from './notifier.js';

const POLL_MS = 1000;
const BATCH = 4;
const QUEUE = new RowQueue({ table: 'notification', keyColumn: 'url', lockNamespace: ADVISORY_LOCKS.notification });

interface Claimed {
  id: string;
  event_id: string;
  url: string;
  event: string;
  body: string;
  attempts: number;
}

/**
 * Sends notifications in id order per URL (a receiver answering 500 holds its own queue, not the
 * others): a row is claimed as the outbox's are (RowQueue: a session lock held for the POST, outside
 * any transaction), so two instances never send one row at once.
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
    return claimInParallel(BATCH, () => this.sendNext());
  }

  private async sendNext(): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    let claimed: string | null = null;
    try {
      claimed = await QUEUE.claim(runner);
      if (claimed === null) return false;
      const [row]: Claimed[] = await runner.query(
        `SELECT n.id, n.event_id, n.url, n.event, n.body, n.attempts FROM notification n WHERE n.id = $1 AND ${QUEUE.stillDue('n')}`,
        [claimed],
      );
      if (row) await this.send(runner, { ...row, id: String(row.id) });
      return true;
    } finally {
      if (claimed !== null) await QUEUE.release(runner, claimed);
      await runner.release();
    }
  }

  private async send(runner: QueryRunner, row: Claimed): Promise<void> {
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
      await QUEUE.retryLater(runner, row.id, attempt, verdict.error, verdict.delayMs);
      return;
    }
    if (verdict.outcome === 'failed') this.logger.error(`${row.event} to ${hostOf(row.url)} failed for good after ${attempt} attempt(s): ${verdict.error}`);
    await runner.query(`UPDATE notification SET status = $2, attempts = $3, last_error = $4, finished_at = now() WHERE id = $1`, [
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
