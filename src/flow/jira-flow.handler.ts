import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import type { TicketChange } from '../tickets/domain/ticket-change.js';
import type { JiraEvent } from '../webhooks/domain/jira-event.js';
import { type EventContext, JiraEventBus, type JiraEventHandler } from '../webhooks/jira-event.bus.js';
import type { FlowEvent } from './domain/flow.types.js';
import { FlowService } from './flow.service.js';
import { RotaService } from './rota.service.js';

/** Turns what a webhook did to a ticket into flow events: pickups in Jira, returns, resolutions, sprints. */
@Injectable()
export class JiraFlowHandler implements JiraEventHandler, OnModuleInit {
  constructor(
    private readonly bus: JiraEventBus,
    private readonly flow: FlowService,
    private readonly rota: RotaService,
    private readonly jira: JiraGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.bus.register(20, this);
  }

  async handle(event: JiraEvent, m: EntityManager, context: EventContext): Promise<void> {
    if (event.type === 'sprint_changed') {
      if (event.boardId !== null && event.boardId !== this.config.jira?.sprintBoardId) return;
      if (!event.started) return this.rota.sprintClosed(m, event.sprintId);
      const designated = await this.rota.sprintStarted(m, event.sprintId);
      await this.flow.apply({ type: 'sprint_started', sprintId: event.sprintId, designatedDeveloper: designated }, m);
      return;
    }
    const change = context.ticketChange;
    if (!change || change.echo || change.stale) return; // the service's own changes echoed back are never pickups or releases
    for (const flowEvent of await this.flowEvents(change)) await this.flow.apply(flowEvent, m);
  }

  private async flowEvents(change: TicketChange): Promise<FlowEvent[]> {
    const events: FlowEvent[] = [];
    const sc = change.statusChange;
    if (sc && sc.toColumn === 'in_progress' && sc.fromColumn !== 'in_progress') {
      events.push({ type: 'jira_pickup', key: change.key, actor: change.actor ?? 'unknown', fromStatusId: sc.fromId, outrankedBy: await this.outrankedBy(change.key) });
    } else if (sc && (sc.toColumn === 'triage' || sc.toColumn === 'ready') && sc.fromColumn !== sc.toColumn) {
      events.push({ type: 'moved_to_queue', key: change.key, at: new Date(change.timestamp) });
    } else if (sc && sc.fromColumn === 'in_progress' && sc.toColumn === 'other') {
      events.push({ type: 'left_in_progress', key: change.key });
    }
    if (change.resolution && sc) {
      const isFix = this.config.fixResolutions.some((r) => r.toLowerCase() === change.resolution!.toLowerCase());
      events.push({ type: 'resolved', key: change.key, resolution: change.resolution, isFix, at: new Date(change.timestamp) });
    }
    return events;
  }

  /** Tickets still in Ready for sprint ranked above `key` (board order is rank order), read from Jira now. */
  private async outrankedBy(key: string): Promise<string[]> {
    const jira = this.config.jira!;
    const ready = await this.rota.readyStatusIds();
    const ranked = await this.jira.boardIssues(jira.qaOpsBoardId, `status in (${ready.join(',')}) OR key = ${key}`);
    const position = ranked.findIndex((i) => i.key === key);
    return (position < 0 ? ranked : ranked.slice(0, position)).filter((i) => i.key !== key).map((i) => i.key);
  }
}
