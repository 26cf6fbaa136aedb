import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { atRisk, jsmEntry } from './domain/client-sla.policy.js';
import type { SlaEntry } from './domain/sla-entry.js';
import { targetEntries } from './domain/third-line-targets.js';
import { ServiceDeskLinkEntity } from './persistence/service-desk-link.entity.js';
import { clocksOfBugs, openClocks } from './persistence/client-sla.rows.js';
import { clockOf, ThirdLineTargets } from './third-line-targets.monitor.js';

/** A ticket's `sla` list: JSM's clocks of each of its client tickets as last read, then its 3rd-line targets. */
@Injectable()
export class SlaListing {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly targets: ThirdLineTargets,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** bug key → its clocks; a bug with no client ticket gets an empty list. */
  async forBugs(bugKeys: string[]): Promise<Map<string, SlaEntry[]>> {
    const out = new Map<string, SlaEntry[]>(bugKeys.map((k) => [k, []]));
    if (bugKeys.length === 0) return out;
    const [rows, links] = await Promise.all([clocksOfBugs(this.db, bugKeys), this.links(bugKeys)]);
    for (const r of rows) {
      if (!r.metric) continue;
      const entry = jsmEntry(r.serviceDeskKey, r.metric, this.config.serviceDesk.slaWarnAt);
      out.get(r.bugKey)?.push({ ...entry, readAt: r.readAt?.toISOString() ?? null });
    }
    const now = this.clock.now();
    const { slaTargets, calendar } = this.config.serviceDesk;
    for (const link of links) out.get(link.bugKey!)?.push(...targetEntries(clockOf(link), slaTargets, now, calendar));
    return out;
  }

  /** GET /api/sla: every client SLA clock JSM reports for the open bugs, and the 3rd-line targets. */
  async overview() {
    const warnAt = this.config.serviceDesk.slaWarnAt;
    return {
      client: (await openClocks(this.db)).map((r) => ({
        ticketKey: r.bugKey,
        serviceDeskKey: r.serviceDeskKey,
        name: r.metric?.name ?? null,
        state: r.metric?.state ?? (r.readAt ? (r.error ? 'unreadable' : 'none') : 'not_read'),
        breachAt: r.metric?.breachAt ?? null,
        remainingMs: r.metric?.remainingMs ?? null,
        atRisk: r.metric ? atRisk(r.metric, warnAt) : false,
        readAt: r.readAt,
        error: r.error,
        source: 'jsm' as const,
      })),
      targets: await this.targets.list(),
    };
  }

  private links(bugKeys: string[]): Promise<ServiceDeskLinkEntity[]> {
    return this.db.getRepository(ServiceDeskLinkEntity).find({ where: { bugKey: In(bugKeys), state: 'linked' } });
  }
}
