import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ForecastService, type ForecastView } from '../forecast/forecast.service.js';
import { BoardDiscovery } from '../jira/board-discovery.service.js';
import { ReadyForSprint } from '../jira/ready-for-sprint.js';
import { ServiceDeskLinkEntity } from '../service-desk/persistence/service-desk-link.entity.js';
import { SlaListing } from '../service-desk/sla-listing.js';
import { TicketEntity } from '../tickets/persistence/ticket.entity.js';
import { FlowRepository } from './persistence/flow.repository.js';
import { ViolationEntity } from './persistence/violation.entity.js';

const UNRANKED: ForecastView = { forecast: null, reason: 'Jira could not be read: without the rank of Ready for sprint there is no forecast' };

/** The read side: the slot, the ranked queue (live from Jira, else from the service's copy), violations. */
@Injectable()
export class QueueQuery {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: FlowRepository,
    private readonly readyForSprint: ReadyForSprint,
    private readonly boards: BoardDiscovery,
    private readonly forecasts: ForecastService,
    private readonly sla: SlaListing,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async queue() {
    const { state, sprintId } = await this.repo.load(this.db.manager, false);
    const holder = state.holder;
    const holderTicket = holder ? await this.db.getRepository(TicketEntity).findOneBy({ key: holder.key }) : null;
    const { ready, triage, ranked } = await this.columns();
    const effective = await this.effectivePriorities(ready.map((r) => r.key));
    const forecasts = ranked ? await this.forecasts.views(ready.length) : ready.map(() => UNRANKED);
    const sla = await this.sla.forBugs([...(holder ? [holder.key] : []), ...ready.map((r) => r.key), ...triage.map((t) => t.key)]);
    const slaOf = (key: string) => sla.get(key) ?? [];
    return {
      slot: {
        state: holder ? 'occupied' : 'free',
        ticket: holder
          ? { key: holder.key, summary: holderTicket?.summary ?? null, assignee: holderTicket?.assignee ?? holder.pickedUpBy, sla: slaOf(holder.key) }
          : null,
        since: holder?.since ?? null,
        waitingFor: holder ? `deploy to ${this.config.releaseEnvironment}` : null,
      },
      ready: ready.map((r, i) => ({ ...r, priority: effective.get(r.key) ?? r.priority, ...forecasts[i], sla: slaOf(r.key) })),
      triage: triage.map((t) => ({ ...t, sla: slaOf(t.key) })),
      overLimit: state.flagged.map((key) => ({ key })),
      designatedDeveloper: state.designatedDeveloper ? { accountId: state.designatedDeveloper, sprintId } : null,
    };
  }

  private async columns() {
    const layout = this.boards.layout();
    if (this.config.jira && layout) {
      try {
        const issues = await this.readyForSprint.inStatuses([...layout.ready, ...layout.triage]);
        return {
          ready: issues.filter((i) => layout.ready.includes(i.statusId)).map((i) => ({ key: i.key, summary: i.summary, priority: i.priority })),
          triage: issues.filter((i) => layout.triage.includes(i.statusId)).map((i) => ({ key: i.key, summary: i.summary })),
          ranked: true,
        };
      } catch {
        // Jira down: fall back to what the service knows (not ranked)
      }
    }
    const known = await this.db.getRepository(TicketEntity).find({ where: { column: In(['ready', 'triage']) }, order: { key: 'ASC' } });
    return {
      ready: known.filter((t) => t.column === 'ready').map((t) => ({ key: t.key, summary: t.summary, priority: t.priority })),
      triage: known.filter((t) => t.column === 'triage').map((t) => ({ key: t.key, summary: t.summary })),
      ranked: false,
    };
  }

  /** The SLA rule may lower a ticket's priority (Critical in UAT counts as Medium): show the effective one. */
  private async effectivePriorities(keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const links = await this.db.getRepository(ServiceDeskLinkEntity).find({ where: { bugKey: In(keys), state: 'linked' } });
    return new Map(links.flatMap((l) => (l.bugKey && l.effectivePriority ? [[l.bugKey, l.effectivePriority] as const] : [])));
  }

  async violations(limit = 200) {
    const rows = await this.db.getRepository(ViolationEntity).find({ order: { at: 'DESC', id: 'DESC' }, take: limit });
    return rows.map((v) => ({ id: Number(v.id), ticketKey: v.ticketKey, rule: v.rule, remedy: v.remedy, actorAccountId: v.actorAccountId, at: v.at }));
  }
}
