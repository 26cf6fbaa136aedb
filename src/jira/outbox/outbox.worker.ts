import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../../audit/audit.log.js';
import { Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { JiraError, toJiraError } from '../jira.errors.js';
import { JiraGateway } from '../jira.gateway.js';
import { JiraCommandEntity } from '../persistence/jira-command.entity.js';
import { Notifier } from '../../notifications/notifier.js';
import { CommandExecutor } from './command.executor.js';
import { NudgeExecutor } from './nudge.executor.js';
import { describeCommand, WITHHELD_COMMENT } from './jira-command.js';
import { WakeChannel } from '../../common/wake.channel.js';
import { OutboxSignal } from './outbox.signal.js';
import { nextDelayMs } from '../../common/retry.policy.js';
import { claimInParallel, inHeldTransaction } from '../../common/held-claim.js';
import { PollingLoop } from '../../common/polling-loop.js';

const POLL_MS = 500;
const BATCH = 4;

/**
 * Sends outbox commands in id order per issue. A command is claimed by its row lock (SKIP LOCKED), so
 * several instances never send the same command at once, and a crashed instance's claim ends with
 * its connection.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly loop = new PollingLoop('Outbox', POLL_MS, async () => (await this.drainOnce()) > 0);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly executor: CommandExecutor,
    private readonly nudges: NudgeExecutor,
    private readonly notifier: Notifier,
    private readonly jira: JiraGateway,
    private readonly signal: OutboxSignal,
    private readonly wakes: WakeChannel,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.jira.configured) return; // offline: commands wait in the outbox
    if (this.config.processRole === 'web') return; // npm start: the worker process sends them
    this.signal.onWake(() => this.loop.wake());
    this.wakes.listen('outbox', () => this.loop.wake());
    this.loop.start();
  }

  /** Graceful: stop claiming, let in-flight Jira calls finish. */
  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** Sends everything due now, up to BATCH commands of different issues at once; returns how many were handled. */
  drainOnce(): Promise<number> {
    return claimInParallel(BATCH, () => inHeldTransaction(this.db, (m) => this.sendNext(m)));
  }

  /**
   * Claims the next due command by locking its row and keeps the transaction open while Jira is
   * called: if this process dies, PostgreSQL drops the lock with the connection and another
   * instance takes the command at once (the executor's state check makes the retry harmless).
   */
  private async sendNext(m: EntityManager): Promise<boolean> {
    const [row]: { id: string; payload: JiraCommandEntity['payload']; attempts: number; previous: string | null }[] = await m.query(
      `SELECT c.id, c.payload, c.attempts,
              (SELECT p.status FROM jira_command p WHERE p.ordering_key = c.ordering_key AND p.id < c.id ORDER BY p.id DESC LIMIT 1) AS previous
       FROM jira_command c
       WHERE c.status = 'pending' AND c.next_attempt_at <= now()
         AND NOT EXISTS (SELECT 1 FROM jira_command p WHERE p.ordering_key = c.ordering_key AND p.id < c.id AND p.status = 'pending')
       ORDER BY c.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    if (!row) return false;
    const command = Object.assign(new JiraCommandEntity(), { id: String(row.id), payload: row.payload, attempts: row.attempts + 1 });
    if (row.payload.kind === 'comment' && row.payload.explainsPrevious && (row.previous === 'failed' || row.previous === 'abandoned')) {
      await this.finish(m, command, 'failed', null, WITHHELD_COMMENT);
    } else {
      await this.send(m, command);
    }
    return true;
  }

  private async send(m: EntityManager, command: JiraCommandEntity): Promise<void> {
    try {
      const outcome = await this.executor.execute(command.payload, command.id, m);
      await this.finish(m, command, 'done', outcome, null);
    } catch (error) {
      const jiraError = error instanceof JiraError ? error : toJiraError(error, describeCommand(command.payload));
      if (jiraError.retryable && command.attempts < this.config.outbox.maxAttempts) {
        const delay = nextDelayMs(command.attempts, this.config.outbox.baseDelayMs, jiraError.retryAfterMs);
        await m.query(`UPDATE jira_command SET attempts = $2, last_error = $3, next_attempt_at = now() + ($4 || ' milliseconds')::interval WHERE id = $1`, [
          command.id,
          command.attempts,
          jiraError.message,
          String(delay),
        ]);
        this.logger.warn(`${describeCommand(command.payload)} failed (attempt ${command.attempts}), retrying in ${delay} ms: ${jiraError.message}`);
        return;
      }
      this.logger.error(`${describeCommand(command.payload)} failed for good: ${jiraError.message}`);
      await this.finish(m, command, 'failed', null, jiraError.message);
    }
  }

  private async finish(m: EntityManager, command: JiraCommandEntity, status: 'done' | 'failed', outcome: string | null, error: string | null): Promise<void> {
    const now = this.clock.now();
    await m.update(JiraCommandEntity, { id: command.id }, { status, outcome, attempts: command.attempts, lastError: error, finishedAt: now });
    await this.audit.append(m, [
      {
        type: status === 'done' ? 'jira.change_done' : 'jira.change_failed',
        ticketKey: command.payload.key,
        at: now,
        data: { commandId: command.id, change: describeCommand(command.payload), outcome, error, attempts: command.attempts },
      },
    ]);
    if (status === 'failed') await this.tellFailed(m, command, error);
  }

  private async tellFailed(m: EntityManager, command: JiraCommandEntity, error: string | null): Promise<void> {
    const c = command.payload;
    await this.notifier.notify(
      m,
      [{ event: 'jira_change_failed', ticketKey: c.key, change: describeCommand(c), error, attempts: command.attempts, commandId: command.id }],
      this.clock.now(),
    );
    if (c.kind === 'nudge_next') await this.nudges.gaveUp(m, c);
  }
}
