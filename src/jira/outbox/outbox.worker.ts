import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { AuditLog } from '../../audit/audit.log.js';
import { ADVISORY_LOCKS } from '../../common/advisory-locks.js';
import { Clock } from '../../common/clock.js';
import { claimInParallel } from '../../common/claim-in-parallel.js';
import { PollingLoop } from '../../common/polling-loop.js';
import { RowQueue } from '../../common/row-queue.js';
import { WakeChannel } from '../../common/wake.channel.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { NotificationEvent } from '../../notifications/domain/notification-event.js';
import { Notifier } from '../../notifications/notifier.js';
import { retryDelayMs, toJiraError } from '../jira.errors.js';
import { JiraGateway } from '../jira.gateway.js';
import { KnownBoards } from '../known-boards.js';
import { JiraChangeEntity } from '../persistence/jira-change.entity.js';
import { ChangeExecutor } from './change.executor.js';
import { describeChange, type JiraChange, WITHHELD_COMMENT } from './jira-change.js';
import { NudgeExecutor } from './nudge.executor.js';
import { OutboxSignal } from './outbox.signal.js';

const POLL_MS = 500;
const BATCH = 4;
const QUEUE = new RowQueue({ table: 'jira_change', keyColumn: 'ordering_key', lockNamespace: ADVISORY_LOCKS.outboxCommand });

interface Attempted {
  id: string;
  payload: JiraChange;
  /** this attempt's number: 1 the first time */
  attempts: number;
  /** an earlier attempt was made (this one, or an operator's retry of a failed change, is a retry) */
  sentBefore: boolean;
  firstAttemptAt: Date;
  sentTo: string | null;
  /** the status of the change before it of the same issue, if any */
  previous: string | null;
}

/**
 * Sends Jira changes in id order per issue. A change is claimed by a session advisory lock (so
 * several instances never send one at once, and a killed instance's claim ends with its connection);
 * its attempt is recorded (committed) before Jira is called, Jira is called outside any transaction,
 * and the outcome is committed in a short transaction of its own as soon as Jira answers. A change
 * whose attempt was recorded before is a retry: the executor finds out first whether Jira has the
 * change already (its answer may have been lost, or the service killed before recording it).
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly loop = new PollingLoop('Outbox', POLL_MS, async () => (await this.drainOnce()) > 0);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly executor: ChangeExecutor,
    private readonly nudges: NudgeExecutor,
    private readonly notifier: Notifier,
    private readonly jira: JiraGateway,
    private readonly signal: OutboxSignal,
    private readonly wakes: WakeChannel,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly boards: KnownBoards,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.jira.configured) return; // offline: commands wait in the outbox
    if (this.config.processRole === 'web') return; // npm start: the worker process sends them
    this.signal.onWake(() => this.loop.wake());
    this.wakes.listen('outbox', () => this.loop.wake());
    this.loop.start();
  }

  private describe(c: JiraChange): string {
    return describeChange(c, (id) => this.boards.statusName(id));
  }

  /** Graceful: stop claiming, let in-flight Jira calls finish. */
  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** Sends everything due now, up to BATCH commands of different issues at once; returns how many were handled. */
  drainOnce(): Promise<number> {
    return claimInParallel(BATCH, () => this.sendNext());
  }

  private async sendNext(): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    let locked: string | null = null;
    try {
      locked = await QUEUE.claim(runner);
      if (locked === null) return false;
      const command = await this.beginAttempt(runner, locked);
      if (!command) return true; // sent by another instance meanwhile
      if (command.payload.kind === 'comment' && command.payload.explainsPrevious && (command.previous === 'failed' || command.previous === 'abandoned')) {
        await this.finish(runner, command, 'failed', null, WITHHELD_COMMENT, this.failure(command, WITHHELD_COMMENT));
      } else {
        await this.send(runner, command);
      }
      return true;
    } finally {
      if (locked !== null) await QUEUE.release(runner, locked);
      await runner.release();
    }
  }

  /** Records this attempt (committed at once) if the change is still due now that it is locked; null when it is not. */
  private async beginAttempt(runner: QueryRunner, id: string): Promise<Attempted | null> {
    // a CTE (TypeORM answers a bare UPDATE … RETURNING with [rows, count]); `before` reads the row as it was
    const [row]: {
      id: string;
      payload: JiraChange;
      attempts: number;
      sent_before: boolean;
      first_attempt_at: Date;
      sent_to: string | null;
      previous: string | null;
    }[] = await runner.query(
      `WITH before AS (SELECT id, first_attempt_at IS NOT NULL AS sent FROM jira_change WHERE id = $1 FOR UPDATE),
       attempt AS (
         UPDATE jira_change c SET attempts = c.attempts + 1, first_attempt_at = COALESCE(c.first_attempt_at, now())
         FROM before b
         WHERE c.id = b.id AND ${QUEUE.stillDue('c')}
         RETURNING c.id, c.ordering_key, c.payload, c.attempts, c.first_attempt_at, c.sent_to, b.sent AS sent_before)
       SELECT a.id, a.payload, a.attempts, a.first_attempt_at, a.sent_to, a.sent_before,
         (SELECT p.status FROM jira_change p WHERE p.ordering_key = a.ordering_key AND p.id < a.id ORDER BY p.id DESC LIMIT 1) AS previous
       FROM attempt a`,
      [id],
    );
    if (!row) return null;
    const { payload, attempts, previous } = row;
    return {
      id: String(row.id),
      payload,
      attempts,
      previous,
      sentBefore: row.sent_before,
      firstAttemptAt: new Date(row.first_attempt_at),
      sentTo: row.sent_to,
    };
  }

  /** Jira is called outside any transaction; what it answered is committed on the claiming session at once. */
  private async send(runner: QueryRunner, command: Attempted): Promise<void> {
    try {
      const sent = await this.executor.execute(command.payload, {
        commandId: command.id,
        retry: command.sentBefore,
        firstAttemptAt: command.firstAttemptAt,
        sentTo: command.sentTo,
        sendingTo: (key) => runner.query(`UPDATE jira_change SET sent_to = $2 WHERE id = $1`, [command.id, key]).then(() => undefined),
      });
      await this.finish(runner, command, 'done', sent.outcome, null, sent.notifications ?? []);
    } catch (error) {
      const jiraError = toJiraError(error, this.describe(command.payload));
      if (jiraError.retryable && command.attempts < this.config.outbox.maxAttempts) {
        // a write whose answer was lost may still be under way in Jira: the retry that looks for it waits as long as the call could take
        const backoff = retryDelayMs(jiraError, command.attempts, this.config.outbox.baseDelayMs);
        const delay = jiraError.answerLost ? Math.max(backoff, this.config.jira?.timeoutMs ?? 0) : backoff;
        await QUEUE.retryLater(runner, command.id, null, jiraError.message, delay);
        this.logger.warn(`${this.describe(command.payload)} failed (attempt ${command.attempts}), retrying in ${delay} ms: ${jiraError.message}`);
        return;
      }
      this.logger.error(`${this.describe(command.payload)} failed for good: ${jiraError.message}`);
      await this.finish(runner, command, 'failed', null, jiraError.message, this.failure(command, jiraError.message));
    }
  }

  /** A change failed for good: the channels hear it (and, for a nudge, that the slot is free all the same). */
  private failure(command: Attempted, error: string): NotificationEvent[] {
    const c = command.payload;
    return [
      { event: 'jira_change_failed', ticketKey: c.key, change: this.describe(c), error, attempts: command.attempts, commandId: command.id },
      ...(c.kind === 'nudge_next' ? this.nudges.gaveUp(c) : []),
    ];
  }

  /** The outcome, its audit row and what the channels hear, in one short transaction. */
  private async finish(
    runner: QueryRunner,
    command: Attempted,
    status: 'done' | 'failed',
    outcome: string | null,
    error: string | null,
    notifications: NotificationEvent[],
  ): Promise<void> {
    const now = this.clock.now();
    await runner.manager.transaction(async (m) => {
      await m.update(JiraChangeEntity, { id: command.id }, { status, outcome, lastError: error, finishedAt: now });
      await this.audit.append(m, [
        {
          type: status === 'done' ? 'jira.change_done' : 'jira.change_failed',
          ticketKey: command.payload.key,
          at: now,
          data: { commandId: command.id, change: this.describe(command.payload), outcome, error, attempts: command.attempts },
        },
      ]);
      await this.notifier.notify(m, notifications, now);
    });
  }
}
