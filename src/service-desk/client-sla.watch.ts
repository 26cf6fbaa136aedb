import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { ADVISORY_LOCKS } from '../common/advisory-locks.js';
import { Clock } from '../common/clock.js';
import { scheduleEvery } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JiraError } from '../jira/jira.errors.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import type { ClientSlaMetric } from '../jira/jira.types.js';
import { Notifier } from '../notifications/notifier.js';
import { backoffMs, noticesOf, readDue, type ClientSlaNotice } from './domain/client-sla.policy.js';
import { OPEN_CLIENT_TICKETS } from './persistence/service-desk-links.js';
import { ServiceDeskNotes } from './service-desk-notes.js';

const JOB = 'client-sla';
const LOCK_ID = ADVISORY_LOCKS.clientSla;
/** reads in flight at once in a pass */
const PARALLEL = 4;
const minute = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export interface ClientSlaPass {
  read: number;
  /** tickets not due in this pass */
  fresh: number;
  failed: number;
  /** the pass stopped on JSM's 429 */
  backedOff: boolean;
}

interface Candidate {
  serviceDeskKey: string;
  bugKey: string;
  readAt: Date | null;
  running: boolean;
}

/**
 * The client's SLA, read from JSM (getSlaInformation) for the client tickets of every bug not yet
 * deployed to D: a ticket with a running clock once per SLA_CHECK_SECONDS, the others less often
 * (readDue). What JSM reports is stored for the API and the dashboard, and each at-risk or breached
 * clock is noted on its client ticket, audited and notified once per clock cycle. On a 429 the pass
 * stops and the next ones wait (Retry-After, else doubling).
 */
@Injectable()
export class ClientSlaWatch implements OnApplicationBootstrap {
  private readonly logger = new Logger('ClientSla');
  private backoff = { until: 0, lastMs: 0 };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduler: SchedulerRegistry,
    private readonly jira: JiraGateway,
    private readonly notes: ServiceDeskNotes,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.jira.configured) return;
    scheduleEvery(this.scheduler, JOB, this.config.serviceDesk.slaCheckSeconds, () => this.check(), this.logger, 'Client SLA read failed');
  }

  /** One pass, by one instance at a time. */
  async check(): Promise<ClientSlaPass> {
    const none = { read: 0, fresh: 0, failed: 0, backedOff: false };
    if (!this.jira.configured) return none;
    if (this.clock.now().getTime() < this.backoff.until) return { ...none, backedOff: true };
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [LOCK_ID]);
      if (!locked) return none;
      try {
        return await this.pass();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]);
      }
    } finally {
      await runner.release();
    }
  }

  private async pass(): Promise<ClientSlaPass> {
    const checkMs = this.config.serviceDesk.slaCheckSeconds * 1000;
    const now = this.clock.now();
    const all = await this.candidates();
    const due = all.filter((c) => readDue(c.readAt ? { readAt: c.readAt, running: c.running } : null, now, checkMs));
    const out: ClientSlaPass = { read: 0, fresh: all.length - due.length, failed: 0, backedOff: false };
    const queue = [...due];
    const worker = async () => {
      for (let next = queue.shift(); next && !out.backedOff; next = queue.shift()) {
        try {
          const metrics = await this.jira.clientSla(next.serviceDeskKey);
          await this.store(next, metrics, this.clock.now());
          out.read++;
        } catch (error) {
          out.failed++;
          if (error instanceof JiraError && error.status === 429) {
            const wait = backoffMs(error.retryAfterMs, this.backoff.lastMs, checkMs);
            this.backoff = { until: this.clock.now().getTime() + wait, lastMs: wait };
            out.backedOff = true;
            this.logger.warn(`JSM answered 429 (too many requests): reading the client SLA again in ${Math.round(wait / 1000)} s`);
          } else if (error instanceof JiraError && error.status !== null && error.status < 500) {
            await this.refused(next.serviceDeskKey, error.message, this.clock.now());
          } else {
            this.logger.warn(`Could not read the SLA of ${next.serviceDeskKey}: ${(error as Error).message}`);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, due.length) }, worker));
    if (!out.backedOff) this.backoff = { until: 0, lastMs: 0 };
    return out;
  }

  /** The client tickets of every bug not yet deployed to D, each once (with one of its bugs), and when each was last read. */
  private async candidates(): Promise<Candidate[]> {
    const rows: { key: string; bug: string; read_at: Date | null; running: boolean | null }[] = await this.db.query(
      `WITH tickets AS (
         SELECT DISTINCT ON (k.service_desk_key) k.service_desk_key, k.bug_key FROM (${OPEN_CLIENT_TICKETS}) k
         ORDER BY k.service_desk_key, k.rank)
       SELECT t.service_desk_key AS key, t.bug_key AS bug, r.read_at,
              (SELECT bool_or(s.state = 'running') FROM client_sla s WHERE s.service_desk_key = t.service_desk_key) AS running
         FROM tickets t LEFT JOIN client_sla_read r ON r.service_desk_key = t.service_desk_key
        ORDER BY r.read_at NULLS FIRST, t.service_desk_key`,
    );
    return rows.map((r) => ({ serviceDeskKey: r.key, bugKey: r.bug, readAt: r.read_at, running: r.running === true }));
  }

  /** What JSM reported, and what to tell of it, in one transaction. */
  private async store(c: Candidate, metrics: ClientSlaMetric[], now: Date): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM client_sla WHERE service_desk_key = $1 AND NOT (metric_id = ANY($2))`, [c.serviceDeskKey, metrics.map((x) => x.id)]);
      for (const x of metrics) {
        await m.query(
          `INSERT INTO client_sla (service_desk_key, metric_id, name, state, breach_at, remaining_ms, goal_ms, cycle_started_at, within_calendar_hours, read_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (service_desk_key, metric_id) DO UPDATE SET name = $3, state = $4, breach_at = $5, remaining_ms = $6, goal_ms = $7,
             cycle_started_at = $8, within_calendar_hours = $9, read_at = $10`,
          [c.serviceDeskKey, x.id, x.name, x.state, x.breachAt, x.remainingMs, x.goalMs, x.cycleStartedAt, x.withinCalendarHours, now],
        );
        for (const notice of noticesOf(x, this.config.serviceDesk.slaWarnAt)) await this.tell(m, c, x, notice, now);
      }
      await m.query(
        `INSERT INTO client_sla_read (service_desk_key, read_at, metrics, error) VALUES ($1, $2, $3, NULL)
         ON CONFLICT (service_desk_key) DO UPDATE SET read_at = $2, metrics = $3, error = NULL`,
        [c.serviceDeskKey, now, metrics.length],
      );
    });
  }

  /** JSM refused to show the ticket's SLA (no permission, not a request): read again at the resting rate, the reason kept. */
  private async refused(serviceDeskKey: string, reason: string, now: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO client_sla_read (service_desk_key, read_at, metrics, error) VALUES ($1, $2, NULL, $3)
       ON CONFLICT (service_desk_key) DO UPDATE SET read_at = $2, metrics = NULL, error = $3`,
      [serviceDeskKey, now, reason],
    );
    await this.db.query(`DELETE FROM client_sla WHERE service_desk_key = $1`, [serviceDeskKey]);
  }

  /** Once per clock cycle and kind: an internal note on the client ticket, an audit row on the bug, a notification. */
  private async tell(m: EntityManager, c: Candidate, x: ClientSlaMetric, notice: ClientSlaNotice, now: Date): Promise<void> {
    const inserted: unknown[] = await m.query(
      `INSERT INTO client_sla_notice (service_desk_key, metric_id, cycle_started_at, kind, noted_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING kind`,
      [c.serviceDeskKey, x.id, x.cycleStartedAt, notice, now],
    );
    if (inserted.length === 0) return;
    const due = x.breachAt ? ` (due ${minute(x.breachAt)})` : '';
    const left = x.remainingMs !== null && x.remainingMs > 0 ? `${Math.max(1, Math.round(x.remainingMs / 60_000))} min left` : 'little time left';
    const text =
      notice === 'breached'
        ? `JSM reports the SLA "${x.name}" of this request breached${due}. Its fix is ${c.bugKey}, which the 3rd line works on.`
        : `JSM reports the SLA "${x.name}" of this request at risk: ${left}${due}. Its fix is ${c.bugKey}, which the 3rd line works on.`;
    await this.notes.note(m, c.serviceDeskKey, text, now, c.bugKey);
    const data = { serviceDeskKey: c.serviceDeskKey, metric: x.name, breachAt: x.breachAt, remainingMs: x.remainingMs, source: 'jsm' };
    await this.audit.append(m, [{ type: notice === 'breached' ? 'sla.breached' : 'sla.at_risk', ticketKey: c.bugKey, at: now, data }]);
    const event = { ticketKey: c.bugKey, serviceDeskKey: c.serviceDeskKey, metric: x.name, breachAt: x.breachAt, source: 'jsm' as const };
    await this.notifier.notify(
      m,
      [notice === 'breached' ? { event: 'sla_breached', ...event } : { event: 'sla_at_risk', ...event, remainingMs: x.remainingMs }],
      now,
    );
  }
}
