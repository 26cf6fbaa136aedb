import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../audit/audit.log.js';
import { Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { JiraError, toJiraError } from '../jira.errors.js';
import { JiraGateway } from '../jira.gateway.js';
import { JiraCommandEntity } from '../persistence/jira-command.entity.js';
import { CommandExecutor } from './command.executor.js';
import { describeCommand } from './jira-command.js';
import { OutboxSignal } from './outbox.signal.js';
import { nextDelayMs } from './retry.policy.js';
import { PollingLoop } from '../../common/polling-loop.js';

const LEASE_MS = 60_000;
const POLL_MS = 500;
const BATCH = 8;

/**
 * Sends outbox commands: in id order per issue, claimed with SKIP LOCKED and a lease so that several
 * instances never send the same command at once, and a crashed instance's claim is taken over.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly loop = new PollingLoop('Outbox', POLL_MS, async () => (await this.drainOnce()) > 0);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly executor: CommandExecutor,
    private readonly jira: JiraGateway,
    private readonly signal: OutboxSignal,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.jira.configured) return; // offline: commands wait in the outbox
    this.signal.onWake(() => this.loop.wake());
    this.loop.start();
  }

  /** Graceful: stop claiming, let in-flight Jira calls finish. */
  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** Sends everything due now; returns how many commands were handled. */
  async drainOnce(): Promise<number> {
    const claimed = await this.claim();
    await Promise.all(claimed.map((c) => this.send(c)));
    return claimed.length;
  }

  private async claim(): Promise<JiraCommandEntity[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `UPDATE jira_command SET status = 'in_flight', lease_until = now() + ($1 || ' milliseconds')::interval, attempts = attempts + 1
       WHERE id IN (
         SELECT c.id FROM jira_command c
         WHERE ((c.status = 'pending' AND c.next_attempt_at <= now()) OR (c.status = 'in_flight' AND c.lease_until < now()))
           AND NOT EXISTS (SELECT 1 FROM jira_command p WHERE p.ordering_key = c.ordering_key AND p.id < c.id AND p.status IN ('pending', 'in_flight'))
         ORDER BY c.id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, payload, attempts`,
      [String(LEASE_MS), BATCH],
    );
    const claimed = (Array.isArray(rows[0]) ? rows[0] : rows) as { id: string; payload: JiraCommandEntity['payload']; attempts: number }[];
    return claimed.map((r) => Object.assign(new JiraCommandEntity(), { id: String(r.id), payload: r.payload, attempts: r.attempts }));
  }

  private async send(command: JiraCommandEntity): Promise<void> {
    try {
      const outcome = await this.executor.execute(command.payload, command.id);
      await this.finish(command, 'done', outcome, null);
    } catch (error) {
      const jiraError = error instanceof JiraError ? error : toJiraError(error, describeCommand(command.payload));
      if (jiraError.retryable && command.attempts < this.config.outbox.maxAttempts) {
        const delay = nextDelayMs(command.attempts, this.config.outbox.baseDelayMs, jiraError.retryAfterMs);
        await this.db.query(
          `UPDATE jira_command SET status = 'pending', lease_until = NULL, last_error = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval WHERE id = $1`,
          [command.id, jiraError.message, String(delay)],
        );
        this.logger.warn(`${describeCommand(command.payload)} failed (attempt ${command.attempts}), retrying in ${delay} ms: ${jiraError.message}`);
        return;
      }
      this.logger.error(`${describeCommand(command.payload)} failed for good: ${jiraError.message}`);
      await this.finish(command, 'failed', null, jiraError.message);
    }
  }

  private async finish(command: JiraCommandEntity, status: 'done' | 'failed', outcome: string | null, error: string | null): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (m) => {
      await m.update(JiraCommandEntity, { id: command.id }, { status, outcome, lastError: error, leaseUntil: null, finishedAt: now });
      await this.audit.append(m, [{
        type: status === 'done' ? 'jira.change_done' : 'jira.change_failed',
        ticketKey: command.payload.key,
        at: now,
        data: { commandId: command.id, change: describeCommand(command.payload), outcome, error, attempts: command.attempts },
      }]);
    });
  }
}
