import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { scheduleEvery, tryAdvisoryLock } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Notifier } from '../notifications/notifier.js';
import { breachesOf, warningsOf, type SlaBreach, type SlaWarning } from './domain/sla.policy.js';
import { ServiceDeskLinkEntity } from './persistence/service-desk-link.entity.js';
import { SlaBreachEntity } from './persistence/sla-breach.entity.js';
import { SlaWarningEntity } from './persistence/sla-warning.entity.js';
import { ServiceDeskNotes } from './service-desk-notes.js';
import { ADVISORY_LOCKS } from '../common/advisory-locks.js';

const JOB = 'sla-breaches';
const LOCK_ID = ADVISORY_LOCKS.slaMonitor;
const minute = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/** Finds SLA clocks at risk and breached on a schedule; each is noted once on the service desk ticket, notified, and listed at GET /api/sla. */
@Injectable()
export class SlaMonitor implements OnApplicationBootstrap {
  private readonly logger = new Logger('Sla');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduler: SchedulerRegistry,
    private readonly notes: ServiceDeskNotes,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    scheduleEvery(this.scheduler, JOB, this.config.serviceDesk.slaCheckSeconds, () => this.check(), this.logger, 'SLA check failed');
  }

  /** One pass; returns the breaches found new in it (warnings are noted in the same pass). */
  async check(): Promise<number> {
    return this.db.transaction(async (m) => {
      if (!(await tryAdvisoryLock(m, LOCK_ID))) return 0;
      const now = this.clock.now();
      const open = await m.find(ServiceDeskLinkEntity, { where: { state: 'linked' } });
      const { slaTargets, slaWarnAt } = this.config.serviceDesk;
      let found = 0;
      for (const link of open) {
        const clock = {
          key: link.bugKey!,
          priority: link.effectivePriority,
          startedAt: link.startedAt,
          respondedAt: link.respondedAt,
          resolvedAt: link.resolvedAt,
        };
        for (const breach of breachesOf(clock, slaTargets, now)) if (await this.breached(m, link, breach, now)) found++;
        for (const warning of warningsOf(clock, slaTargets, now, slaWarnAt)) await this.atRisk(m, link, warning, now);
      }
      return found;
    });
  }

  private async breached(m: EntityManager, link: ServiceDeskLinkEntity, breach: SlaBreach, now: Date): Promise<boolean> {
    const inserted: unknown[] = await m.query(
      `INSERT INTO sla_breach (bug_key, kind, service_desk_key, priority, due_at, detected_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING bug_key`,
      [breach.key, breach.kind, link.serviceDeskKey, breach.priority, breach.dueAt, now],
    );
    if (inserted.length === 0) return false; // reported once, not on every run
    await this.notes.note(
      m,
      link.serviceDeskKey,
      `3rd-line SLA: the ${breach.kind} target for ${breach.key} (priority ${breach.priority}) was due ${minute(breach.dueAt)} UTC and is missed.`,
      now,
      breach.key,
    );
    await this.audit.append(m, [
      {
        type: 'sla.breached',
        ticketKey: breach.key,
        at: now,
        data: { kind: breach.kind, priority: breach.priority, dueAt: breach.dueAt, serviceDeskKey: link.serviceDeskKey },
      },
    ]);
    await this.notifier.notify(
      m,
      [
        {
          event: 'sla_breached',
          ticketKey: breach.key,
          serviceDeskKey: link.serviceDeskKey,
          kind: breach.kind,
          priority: breach.priority,
          dueAt: breach.dueAt,
        },
      ],
      now,
    );
    return true;
  }

  /** Once per clock, like a breach: one internal note and one notification. */
  private async atRisk(m: EntityManager, link: ServiceDeskLinkEntity, w: SlaWarning, now: Date): Promise<void> {
    const inserted: unknown[] = await m.query(
      `INSERT INTO sla_warning (bug_key, kind, service_desk_key, priority, warn_at, due_at, detected_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING RETURNING bug_key`,
      [w.key, w.kind, link.serviceDeskKey, w.priority, w.warnAt, w.dueAt, now],
    );
    if (inserted.length === 0) return;
    const fraction = this.config.serviceDesk.slaWarnAt;
    await this.notes.note(
      m,
      link.serviceDeskKey,
      `3rd-line SLA at risk: ${Math.round(fraction * 100)}% of the ${w.kind} target for ${w.key} (priority ${w.priority}) ` +
        `has passed; it is due ${minute(w.dueAt)} UTC.`,
      now,
      w.key,
    );
    await this.audit.append(m, [
      {
        type: 'sla.at_risk',
        ticketKey: w.key,
        at: now,
        data: { kind: w.kind, priority: w.priority, dueAt: w.dueAt, warnAt: w.warnAt, serviceDeskKey: link.serviceDeskKey },
      },
    ]);
    await this.notifier.notify(
      m,
      [{ event: 'sla_at_risk', ticketKey: w.key, serviceDeskKey: link.serviceDeskKey, kind: w.kind, priority: w.priority, dueAt: w.dueAt, fraction }],
      now,
    );
  }

  async list() {
    const [breaches, warnings, open] = await Promise.all([
      this.db.getRepository(SlaBreachEntity).find({ order: { detectedAt: 'DESC' } }),
      this.db.getRepository(SlaWarningEntity).find({ order: { detectedAt: 'DESC' } }),
      this.db.getRepository(ServiceDeskLinkEntity).find({ where: { state: 'linked' }, order: { startedAt: 'ASC' } }),
    ]);
    const targets = this.config.serviceDesk.slaTargets;
    const due = (start: Date, minutes?: number) => (minutes === undefined ? null : new Date(start.getTime() + minutes * 60_000));
    return {
      breaches: breaches.map((b) => ({
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
