import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { scheduleEvery, tryAdvisoryLock } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ReadyForSprint } from '../jira/ready-for-sprint.js';
import { OutboxWriter } from '../jira/outbox/outbox.writer.js';
import { ServiceDeskLinkEntity } from '../service-desk/persistence/service-desk-link.entity.js';
import { forecastNoteDue, forecastNoteText } from './domain/forecast-note.rule.js';
import type { QueueForecast } from './domain/forecast.types.js';
import { ForecastService } from './forecast.service.js';
import { ForecastNoteEntity } from './persistence/forecast-note.entity.js';
import { ADVISORY_LOCKS } from '../common/advisory-locks.js';

const JOB = 'forecast-notes';
const LOCK_ID = ADVISORY_LOCKS.forecastNotes;

/**
 * On a schedule: an internal note on the JSM ticket of each Ready ticket when it first has a
 * forecast, and when its p85 date moved by more than a day — at most one such note a day per ticket.
 */
@Injectable()
export class ForecastNotesJob implements OnApplicationBootstrap {
  private readonly logger = new Logger('ForecastNotes');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduler: SchedulerRegistry,
    private readonly ready: ReadyForSprint,
    private readonly forecasts: ForecastService,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jira || this.config.forecastNoteSeconds === 0) return;
    scheduleEvery(this.scheduler, JOB, this.config.forecastNoteSeconds, () => this.run(), this.logger, 'Forecast notes skipped');
  }

  /** One pass; returns how many notes it wrote. The ranked queue is read from Jira before the transaction. */
  async run(): Promise<number> {
    if (!this.config.jira) return 0;
    const ready = await this.ready.ranked();
    const now = this.clock.now();
    const forecasts = await this.forecasts.forRanked(ready.length, now);
    return this.db.transaction(async (m) => {
      if (!(await tryAdvisoryLock(m, LOCK_ID))) return 0;
      const keys = ready.map((i) => i.key);
      const links = new Map((await m.find(ServiceDeskLinkEntity, { where: { bugKey: In(keys), state: 'linked' } })).map((l) => [l.bugKey!, l]));
      const last = new Map((await m.find(ForecastNoteEntity, { where: { bugKey: In(keys) } })).map((n) => [n.bugKey, n]));
      let written = 0;
      for (const [i, key] of keys.entries()) {
        const link = links.get(key);
        if (link && (await this.consider(m, key, i + 1, forecasts[i], link.serviceDeskKey, last.get(key) ?? null, now))) written++;
      }
      return written;
    });
  }

  private async consider(
    m: EntityManager,
    key: string,
    position: number,
    f: QueueForecast,
    serviceDeskKey: string,
    last: ForecastNoteEntity | null,
    now: Date,
  ): Promise<boolean> {
    if (!f.ok) return false;
    const kind = forecastNoteDue(last, f.p85, now);
    if (!kind) return false;
    const text = forecastNoteText(kind, { key, position, p50: f.p50, p85: f.p85, samples: f.samples, environment: this.config.releaseEnvironment }, last);
    await this.outbox.enqueue(m, [{ kind: 'service_desk_note', key: serviceDeskKey, text, public: false }], 'forecast', now);
    await m.upsert(ForecastNoteEntity, { bugKey: key, serviceDeskKey, p85: f.p85, notedAt: now }, ['bugKey']);
    await this.audit.append(m, [
      {
        type: 'forecast.noted',
        ticketKey: key,
        at: now,
        data: { kind, position, p50: f.p50, p85: f.p85, samples: f.samples, previousP85: last?.p85 ?? null, serviceDeskKey },
      },
    ]);
    return true;
  }
}
