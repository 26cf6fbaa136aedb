import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { ADVISORY_LOCKS } from '../common/advisory-locks.js';
import { Clock } from '../common/clock.js';
import { scheduleEvery, tryAdvisoryLock } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import { Notifier } from '../notifications/notifier.js';
import { addWorkingMinutes } from './domain/working-time.js';
import { missesOf, warningsOf, type TargetClock, type TargetMiss, type TargetWarning } from './domain/third-line-targets.js';
import { ServiceDeskLinkEntity } from './persistence/service-desk-link.entity.js';
import { TargetMissEntity } from './persistence/target-miss.entity.js';
import { TargetWarningEntity } from './persistence/target-warning.entity.js';
import { ServiceDeskNotes } from './service-desk-notes.js';

const JOB = 'third-line-targets';
const LOCK_ID = ADVISORY_LOCKS.slaMonitor;
const minute = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/**
 * The 3rd-line targets (SLA_TARGETS), this flow's own measure, on a schedule: each target at risk and
 * each missed is recorded and audited once. The client ticket is told, and the team notified, only when
 * JSM, once read, gives that ticket no SLA of its own: the client's SLA is JSM's, and two clocks would contradict.
 */
@Injectable()
export class ThirdLineTargets implements OnApplicationBootstrap {
  private readonly logger = new Logger('ThirdLineTargets');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduler: SchedulerRegistry,
    private readonly notes: ServiceDeskNotes,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly jira: JiraGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    scheduleEvery(this.scheduler, JOB, this.config.serviceDesk.slaCheckSeconds, () => this.check(), this.logger, '3rd-line target check failed');
  }

  /** One pass; returns the targets found missed in it (warnings are recorded in the same pass). */
  async check(): Promise<number> {
    return this.db.transaction(async (m) => {
      if (!(await tryAdvisoryLock(m, LOCK_ID))) return 0;
      const now = this.clock.now();
      const open = await m.find(ServiceDeskLinkEntity, { where: { state: 'linked' } });
      const { slaTargets, slaWarnAt, calendar } = this.config.serviceDesk;
      const jsm = await this.jsmSla(
        m,
        open.map((l) => l.serviceDeskKey),
      );
      let found = 0;
      for (const link of open) {
        const clock = clockOf(link);
        // not read from JSM yet: judged at a later pass, once it is known whether JSM keeps an SLA for the ticket
        if (this.jira.configured && !jsm.has(link.serviceDeskKey)) continue;
        const tell = !this.jira.configured || jsm.get(link.serviceDeskKey) === 'none';
        for (const miss of missesOf(clock, slaTargets, now, calendar)) if (await this.missed(m, link, miss, now, tell)) found++;
        for (const warning of warningsOf(clock, slaTargets, now, slaWarnAt, calendar)) await this.atRisk(m, link, warning, now, tell);
      }
      return found;
    });
  }

  /**
   * Client ticket → what JSM said of its SLA when last asked: it keeps one (started or not), none (not a
   * request), or it refused to show it (401, 403: unknown, so the targets are recorded but not told).
   * Tickets JSM was never asked about are absent.
   */
  private async jsmSla(m: EntityManager, keys: string[]): Promise<Map<string, 'kept' | 'none' | 'refused'>> {
    if (keys.length === 0) return new Map();
    const rows: { key: string; said: 'kept' | 'none' | 'refused' }[] = await m.query(
      `SELECT service_desk_key AS key, CASE WHEN metrics IS NULL THEN 'refused' WHEN metrics > 0 THEN 'kept' ELSE 'none' END AS said
         FROM client_sla_read WHERE service_desk_key = ANY($1)`,
      [keys],
    );
    return new Map(rows.map((r) => [r.key, r.said]));
  }

  private async missed(m: EntityManager, link: ServiceDeskLinkEntity, miss: TargetMiss, now: Date, tell: boolean): Promise<boolean> {
    const inserted: unknown[] = await m.query(
      `INSERT INTO target_miss (bug_key, kind, service_desk_key, priority, due_at, detected_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING bug_key`,
      [miss.key, miss.kind, link.serviceDeskKey, miss.priority, miss.dueAt, now],
    );
    if (inserted.length === 0) return false; // reported once, not on every run
    const data = { kind: miss.kind, priority: miss.priority, dueAt: miss.dueAt, serviceDeskKey: link.serviceDeskKey, told: tell };
    await this.audit.append(m, [{ type: 'target.missed', ticketKey: miss.key, at: now, data }]);
    if (!tell) return true;
    const text =
      `3rd-line target missed (this flow's internal measure, not the client's SLA): the ${miss.kind} target for ${miss.key} ` +
      `(priority ${miss.priority}) was due ${minute(miss.dueAt)} UTC.`;
    await this.notes.note(m, link.serviceDeskKey, text, now, miss.key);
    const event = { event: 'target_missed' as const, ticketKey: miss.key, serviceDeskKey: link.serviceDeskKey, kind: miss.kind, priority: miss.priority };
    await this.notifier.notify(m, [{ ...event, dueAt: miss.dueAt, source: '3rd-line' }], now);
    return true;
  }

  /** Once per target, like a miss. */
  private async atRisk(m: EntityManager, link: ServiceDeskLinkEntity, w: TargetWarning, now: Date, tell: boolean): Promise<void> {
    const inserted: unknown[] = await m.query(
      `INSERT INTO target_warning (bug_key, kind, service_desk_key, priority, warn_at, due_at, detected_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING RETURNING bug_key`,
      [w.key, w.kind, link.serviceDeskKey, w.priority, w.warnAt, w.dueAt, now],
    );
    if (inserted.length === 0) return;
    const fraction = this.config.serviceDesk.slaWarnAt;
    const data = { kind: w.kind, priority: w.priority, dueAt: w.dueAt, warnAt: w.warnAt, serviceDeskKey: link.serviceDeskKey, told: tell };
    await this.audit.append(m, [{ type: 'target.at_risk', ticketKey: w.key, at: now, data }]);
    if (!tell) return;
    await this.notes.note(
      m,
      link.serviceDeskKey,
      `3rd-line target at risk (this flow's internal measure, not the client's SLA): ${Math.round(fraction * 100)}% of the ${w.kind} target ` +
        `for ${w.key} (priority ${w.priority}) has passed; it is due ${minute(w.dueAt)} UTC.`,
      now,
      w.key,
    );
    const event = { event: 'target_at_risk' as const, ticketKey: w.key, serviceDeskKey: link.serviceDeskKey, kind: w.kind, priority: w.priority };
    await this.notifier.notify(m, [{ ...event, dueAt: w.dueAt, fraction, source: '3rd-line' }], now);
  }

  /** The targets missed and at risk, and the open clocks with their due times (in working time when SLA_CALENDAR is set). */
  async list() {
    const [missed, warnings, open] = await Promise.all([
      this.db.getRepository(TargetMissEntity).find({ order: { detectedAt: 'DESC' } }),
      this.db.getRepository(TargetWarningEntity).find({ order: { detectedAt: 'DESC' } }),
      this.db.getRepository(ServiceDeskLinkEntity).find({ where: { state: 'linked' }, order: { startedAt: 'ASC' } }),
    ]);
    const { slaTargets: targets, calendar } = this.config.serviceDesk;
    const due = (start: Date, minutes?: number) => (minutes === undefined ? null : addWorkingMinutes(start, minutes, calendar));
    return {
      calendar: calendar?.text ?? null,
      missed: missed.map((b) => ({
        ticketKey: b.bugKey,
        serviceDeskKey: b.serviceDeskKey,
        kind: b.kind,
        priority: b.priority,
        dueAt: b.dueAt,
        detectedAt: b.detectedAt,
      })),
      warnings: warnings.map((w) => ({
        ticketKey: w.bugKey,
        serviceDeskKey: w.serviceDeskKey,
        kind: w.kind,
        priority: w.priority,
        warnAt: w.warnAt,
        dueAt: w.dueAt,
        detectedAt: w.detectedAt,
      })),
      clocks: open.map((l) => ({
        ticketKey: l.bugKey,
        serviceDeskKey: l.serviceDeskKey,
        reportedPriority: l.reportedPriority,
        priority: l.effectivePriority,
        priorityReason: l.priorityReason,
        startedAt: l.startedAt,
        respondedAt: l.respondedAt,
        resolvedAt: l.resolvedAt,
        responseDueAt: due(l.startedAt, l.effectivePriority ? targets[l.effectivePriority]?.responseMinutes : undefined),
        resolutionDueAt: due(l.startedAt, l.effectivePriority ? targets[l.effectivePriority]?.resolutionMinutes : undefined),
      })),
    };
  }
}

export function clockOf(link: ServiceDeskLinkEntity): TargetClock {
  return { key: link.bugKey!, priority: link.effectivePriority, startedAt: link.startedAt, respondedAt: link.respondedAt, resolvedAt: link.resolvedAt };
}
