import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { ClientSlaState } from '../jira/jira.types.js';
import { jsmEntry } from './domain/client-sla.policy.js';
import type { SlaEntry } from './domain/sla-entry.js';
import { targetEntries } from './domain/third-line-targets.js';
import { ServiceDeskLinkEntity } from './persistence/service-desk-link.entity.js';
import { OPEN_CLIENT_TICKETS } from './persistence/service-desk-links.js';
import { clockOf, ThirdLineTargets } from './third-line-targets.monitor.js';

interface ClientSlaRow {
  bug_key: string;
  service_desk_key: string;
  name: string | null;
  state: ClientSlaState | null;
  breach_at: Date | null;
  remaining_ms: string | null;
  goal_ms: string | null;
  cycle_started_at: Date | null;
  read_at: Date | null;
}

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
    const [rows, links] = await Promise.all([this.jsmRows(bugKeys), this.links(bugKeys)]);
    for (const r of rows) {
      if (r.state === null || r.name === null) continue;
      const entry = jsmEntry(r.service_desk_key, metricOf(r), this.config.serviceDesk.slaWarnAt);
      out.get(r.bug_key)?.push({ ...entry, readAt: r.read_at?.toISOString() ?? null });
    }
    const now = this.clock.now();
    const { slaTargets, calendar } = this.config.serviceDesk;
    for (const link of links) out.get(link.bugKey!)?.push(...targetEntries(clockOf(link), slaTargets, now, calendar));
    return out;
  }

  /** GET /api/sla: every client SLA clock JSM reports for the open bugs, and the 3rd-line targets. */
  async overview() {
    const rows: (ClientSlaRow & { error: string | null })[] = await this.db.query(
      `SELECT DISTINCT k.bug_key, k.service_desk_key, s.name, s.state, s.breach_at, s.remaining_ms, s.goal_ms, s.cycle_started_at,
              COALESCE(s.read_at, r.read_at) AS read_at, r.error
         FROM (${OPEN_CLIENT_TICKETS}) k
         LEFT JOIN client_sla s ON s.service_desk_key = k.service_desk_key
         LEFT JOIN client_sla_read r ON r.service_desk_key = k.service_desk_key
        ORDER BY s.breach_at NULLS LAST, k.service_desk_key, s.name`,
    );
    return {
      client: rows.map((r) => ({
        ticketKey: r.bug_key,
        serviceDeskKey: r.service_desk_key,
        name: r.name,
        state: r.state ?? (r.read_at ? (r.error ? 'unreadable' : 'none') : 'not_read'),
        breachAt: r.breach_at,
        remainingMs: numberOrNull(r.remaining_ms),
        atRisk: r.state !== null && r.name !== null && jsmEntry(r.service_desk_key, metricOf(r), this.config.serviceDesk.slaWarnAt).atRisk === true,
        readAt: r.read_at,
        error: r.error,
        source: 'jsm' as const,
      })),
      targets: await this.targets.list(),
    };
  }

  private jsmRows(bugKeys: string[]): Promise<ClientSlaRow[]> {
    return this.db.query(
      `SELECT k.bug_key, k.service_desk_key, s.name, s.state, s.breach_at, s.remaining_ms, s.goal_ms, s.cycle_started_at, s.read_at
         FROM (SELECT bug_key, service_desk_key, 0 AS rank, id FROM service_desk_link WHERE bug_key = ANY($1) AND state = 'linked'
               UNION ALL SELECT bug_key, service_desk_key, 1, id FROM client_ticket WHERE bug_key = ANY($1) AND detached_at IS NULL) k
         JOIN client_sla s ON s.service_desk_key = k.service_desk_key
        ORDER BY k.bug_key, k.rank, k.id, s.name`,
      [bugKeys],
    );
  }

  private links(bugKeys: string[]): Promise<ServiceDeskLinkEntity[]> {
    return this.db.getRepository(ServiceDeskLinkEntity).find({ where: { bugKey: In(bugKeys), state: 'linked' } });
  }
}

const numberOrNull = (v: string | null) => (v === null ? null : Number(v));

function metricOf(r: ClientSlaRow) {
  return {
    name: r.name ?? '',
    state: r.state ?? 'met',
    breachAt: r.breach_at,
    remainingMs: numberOrNull(r.remaining_ms),
    goalMs: numberOrNull(r.goal_ms),
    cycleStartedAt: r.cycle_started_at,
  };
}
