import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { ADVISORY_LOCKS } from '../common/advisory-locks.js';
import { Clock } from '../common/clock.js';
import { scheduleEvery } from '../common/interval-job.js';
import { withSessionLock } from '../common/session-lock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JiraError } from '../jira/jira.errors.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import { KnownBoards } from '../jira/known-boards.js';
import type { ClientSla, ClientSlaMetric } from '../jira/jira.types.js';
import { Notifier } from '../notifications/notifier.js';
import { backoffMs, cycleOf, noticesOf, readDue, RESTING_FACTOR, type ClientSlaNotice } from './domain/client-sla.policy.js';
import { CLIENT_TICKETS } from './persistence/service-desk-links.js';
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
  /** the pass stopped on JSM's 429, or did not start because of an earlier one */
  backedOff: boolean;
}

interface Candidate {
  serviceDeskKey: string;
  bugKey: string;
  deployedAt: Date | null;
  readAt: Date | null;
  /** the last read JSM answered with the ticket's SLA (a refusal moves readAt, not this) */
  answeredAt: Date | null;
  running: boolean;
  ongoing: boolean;
  changedInJira: boolean;
}

/**
 * The client's SLA, read from JSM (getSlaInformation) for the client tickets of every bug, as readDue
 * says: a ticket with a running clock once per SLA_CHECK_SECONDS, the others less often unless Jira
 * tells of a change to them, none once the bug is deployed and no clock of the ticket is ongoing. What
 * JSM reports is stored for the API and the dashboard, and each at-risk or breached clock is noted on
 * its client ticket, audited and notified once per clock cycle. On a 429 the pass stops and every
 * instance waits (Retry-After, else doubling), the wait kept in the database.
 */
@Injectable()
export class ClientSlaWatch implements OnApplicationBootstrap {
  private readonly logger = new Logger('ClientSla');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduler: SchedulerRegistry,
    private readonly jira: JiraGateway,
    private readonly notes: ServiceDeskNotes,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly boards: KnownBoards,
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
    return (await withSessionLock(this.db, LOCK_ID, () => this.pass())) ?? none;
  }

  private async pass(): Promise<ClientSlaPass> {
    const checkMs = this.config.serviceDesk.slaCheckSeconds * 1000;
    const now = this.clock.now();
    const [state] = await this.db.query<{ backoff_until: Date | null; backoff_ms: string }[]>(`SELECT backoff_until, backoff_ms FROM client_sla_watch`);
    if (state.backoff_until && now.getTime() < state.backoff_until.getTime()) return { read: 0, fresh: 0, failed: 0, backedOff: true };
    const all = await this.candidates(now, checkMs);
    const due = all.filter((c) =>
      readDue(c.readAt ? { readAt: c.readAt, running: c.running, ongoing: c.ongoing } : null, now, checkMs, {
        changedInJira: c.changedInJira,
        deployedAt: c.deployedAt,
      }),
    );
    const out: ClientSlaPass = { read: 0, fresh: all.length - due.length, failed: 0, backedOff: false };
    let retryAfterMs: number | null = null;
    const queue = [...due];
    const worker = async () => {
      for (let next = queue.shift(); next && !out.backedOff; next = queue.shift()) {
        try {
          const sla = await this.jira.clientSla(next.serviceDeskKey);
          await this.store(next, sla, this.clock.now());
          out.read++;
        } catch (error) {
          out.failed++;
          if (error instanceof JiraError && error.status === 429) {
            out.backedOff = true;
            retryAfterMs = Math.max(retryAfterMs ?? 0, error.retryAfterMs ?? 0) || null;
          } else {
            await this.unread(next.serviceDeskKey, error, this.clock.now());
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, due.length) }, worker));
    // once per pass, however many reads JSM refused at once
    const wait = out.backedOff ? backoffMs(retryAfterMs, Number(state.backoff_ms), checkMs) : 0;
    const until = out.backedOff ? new Date(this.clock.now().getTime() + wait) : null;
    await this.db.query(`UPDATE client_sla_watch SET backoff_until = $1, backoff_ms = $2`, [until, wait]);
    if (out.backedOff) this.logger.warn(`JSM answered 429 (too many requests): reading the client SLA again in ${Math.round(wait / 1000)} s`);
    return out;
  }

  /**
   * Every client ticket, each once (with one of its bugs: one not deployed first, its own link's first),
   * when it was last read and last answered, what it had then, and whether a webhook about it by someone
   * other than the service arrived since that read. The inbox keeps every webhook (those about client
   * tickets as `ignored`); the scan starts at a cursor that lags a resting period behind, so a webhook
   * whose id committed late is still seen, and whatever it misses the resting read covers.
   */
  private async candidates(now: Date, checkMs: number): Promise<Candidate[]> {
    const [{ cursor }] = await this.db.query<{ cursor: string | null }[]>(`SELECT last_webhook_id AS cursor FROM client_sla_watch`);
    if (cursor === null) {
      // the first pass reads every ticket anyway: history before it is no news
      await this.db.query(`UPDATE client_sla_watch SET last_webhook_id = COALESCE((SELECT max(id) FROM webhook_event), 0)`);
    }
    const changes: { key: string; at: Date }[] =
      cursor === null
        ? []
        : await this.db.query(
            `SELECT e.body->'issue'->>'key' AS key, max(e.received_at) AS at FROM webhook_event e
              WHERE e.id > $1 AND e.body->'issue'->>'key' IS NOT NULL
                AND COALESCE(e.body->'user'->>'accountId', e.body->'comment'->'author'->>'accountId') IS DISTINCT FROM $2
              GROUP BY 1`,
            [cursor, this.boards.serviceAccountId()], // the service's own notes are no news of the ticket
          );
    const lastChange = new Map(changes.map((c) => [c.key, c.at]));
    const rows: {
      key: string;
      bug: string;
      deployed_at: Date | null;
      read_at: Date | null;
      answered_at: Date | null;
      running: boolean | null;
      ongoing: boolean | null;
    }[] = await this.db.query(
      `WITH tickets AS (
         SELECT DISTINCT ON (k.service_desk_key) k.service_desk_key, k.bug_key, k.deployed_at FROM (${CLIENT_TICKETS}) k
         ORDER BY k.service_desk_key, (k.deployed_at IS NOT NULL), k.rank, k.bug_key)
       SELECT t.service_desk_key AS key, t.bug_key AS bug, t.deployed_at, r.read_at,
              (SELECT max(s.read_at) FROM client_sla s WHERE s.service_desk_key = t.service_desk_key) AS answered_at,
              (SELECT bool_or(s.state = 'running') FROM client_sla s WHERE s.service_desk_key = t.service_desk_key) AS running,
              (SELECT bool_or(s.ongoing) FROM client_sla s WHERE s.service_desk_key = t.service_desk_key) AS ongoing
         FROM tickets t LEFT JOIN client_sla_read r ON r.service_desk_key = t.service_desk_key
        ORDER BY r.read_at NULLS FIRST, t.service_desk_key`,
    );
    if (cursor !== null) {
      const settled = new Date(now.getTime() - RESTING_FACTOR * checkMs);
      await this.db.query(
        `UPDATE client_sla_watch SET last_webhook_id = GREATEST(last_webhook_id,
           COALESCE((SELECT max(id) FROM webhook_event WHERE id > $1 AND received_at < $2), 0))`,
        [cursor, settled],
      );
    }
    return rows.map((r) => {
      const changedAt = lastChange.get(r.key);
      return {
        serviceDeskKey: r.key,
        bugKey: r.bug,
        deployedAt: r.deployed_at,
        readAt: r.read_at,
        answeredAt: r.answered_at,
        running: r.running === true,
        ongoing: r.ongoing === true,
        changedInJira: changedAt !== undefined && (r.read_at === null || changedAt.getTime() > r.read_at.getTime()),
      };
    });
  }

  /** What JSM reported, and what to tell of it, in one transaction. */
  private async store(c: Candidate, sla: ClientSla, now: Date): Promise<void> {
    const { metrics } = sla;
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM client_sla WHERE service_desk_key = $1 AND NOT (metric_id = ANY($2))`, [c.serviceDeskKey, metrics.map((x) => x.id)]);
      for (const x of metrics) {
        await m.query(
          `INSERT INTO client_sla (service_desk_key, metric_id, name, state, breach_at, remaining_ms, goal_ms, cycle_started_at, within_calendar_hours,
                                   ongoing, stopped_at, read_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (service_desk_key, metric_id) DO UPDATE SET name = $3, state = $4, breach_at = $5, remaining_ms = $6, goal_ms = $7,
             cycle_started_at = $8, within_calendar_hours = $9, ongoing = $10, stopped_at = $11, read_at = $12`,
          [c.serviceDeskKey, x.id, x.name, x.state, x.breachAt, x.remainingMs, x.goalMs, x.cycleStartedAt, x.withinCalendarHours, x.ongoing, x.stoppedAt, now],
        );
        for (const notice of noticesOf(x, this.config.serviceDesk.slaWarnAt, c.answeredAt)) await this.tell(m, c, x, notice, now);
      }
      await m.query(
        `INSERT INTO client_sla_read (service_desk_key, read_at, metrics, error) VALUES ($1, $2, $3, NULL)
         ON CONFLICT (service_desk_key) DO UPDATE SET read_at = $2, metrics = $3, error = NULL`,
        [c.serviceDeskKey, now, metrics.length + sla.notStarted],
      );
    });
  }

  /**
   * JSM did not answer with the ticket's SLA. 404: not a request (or not one the account may see), so
   * JSM keeps no SLA for it, read again at the resting rate. Any other refusal (401, 403, …) says nothing
   * of the ticket: what was read before stays, with the reason; a failure without an answer is only logged.
   */
  private async unread(serviceDeskKey: string, error: unknown, now: Date): Promise<void> {
    const message = (error as Error).message;
    this.logger.warn(`Could not read the SLA of ${serviceDeskKey}: ${message}`);
    if (!(error instanceof JiraError) || error.status === null || error.status >= 500) return;
    if (error.status === 404) {
      await this.db.transaction(async (m) => {
        await m.query(`DELETE FROM client_sla WHERE service_desk_key = $1`, [serviceDeskKey]);
        await m.query(
          `INSERT INTO client_sla_read (service_desk_key, read_at, metrics, error) VALUES ($1, $2, 0, $3)
           ON CONFLICT (service_desk_key) DO UPDATE SET read_at = $2, metrics = 0, error = $3`,
          [serviceDeskKey, now, message],
        );
      });
      return;
    }
    await this.db.query(
      `INSERT INTO client_sla_read (service_desk_key, read_at, metrics, error) VALUES ($1, $2, NULL, $3)
       ON CONFLICT (service_desk_key) DO UPDATE SET read_at = $2, error = $3`,
      [serviceDeskKey, now, message],
    );
  }

  /** Once per clock cycle and kind: an internal note on the client ticket, an audit row on the bug, a notification. */
  private async tell(m: EntityManager, c: Candidate, x: ClientSlaMetric, notice: ClientSlaNotice, now: Date): Promise<void> {
    const inserted: unknown[] = await m.query(
      `INSERT INTO client_sla_notice (service_desk_key, metric_id, cycle_started_at, kind, noted_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING kind`,
      [c.serviceDeskKey, x.id, cycleOf(x), notice, now],
    );
    if (inserted.length === 0) return;
    const due = x.breachAt ? ` (due ${minute(x.breachAt)})` : '';
    const left = x.remainingMs !== null && x.remainingMs > 0 ? `${Math.max(1, Math.round(x.remainingMs / 60_000))} min` : 'little time';
    const percent = Math.round((1 - this.config.serviceDesk.slaWarnAt) * 100);
    const text =
      notice === 'breached'
        ? `JSM reports the SLA "${x.name}" of this request breached${due}. Its fix is ${c.bugKey}, which the 3rd line works on.`
        : `The SLA "${x.name}" of this request is at risk: JSM reports ${left} left${due}, ${percent}% of its goal or less. ` +
          `Its fix is ${c.bugKey}, which the 3rd line works on.`;
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
