import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { BoardDiscovery } from '../jira/board-discovery.service.js';
import { columnOf } from '../jira/board-layout.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import type { JiraIssue } from '../jira/jira.types.js';
import type { JiraEvent } from '../webhooks/domain/jira-event.js';
import { type EventContext, JiraEventBus, type JiraEventHandler } from '../webhooks/jira-event.bus.js';
import { TicketEntity } from './persistence/ticket.entity.js';

type IssueChanged = Extract<JiraEvent, { type: 'issue_changed' }>;

/** Keeps the service's copy of each 3rd-line ticket true to Jira, never letting an older event undo a newer one. */
@Injectable()
export class TicketTracker implements JiraEventHandler, OnModuleInit {
  constructor(
    private readonly bus: JiraEventBus,
    private readonly jira: JiraGateway,
    private readonly boards: BoardDiscovery,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.bus.register(10, this);
  }

  async handle(event: JiraEvent, m: EntityManager, context: EventContext): Promise<void> {
    if (event.type === 'issue_changed') return this.issueChanged(event, m, context);
    if (event.type === 'link_changed') return this.linkChanged(event, m);
  }

  private async issueChanged(event: IssueChanged, m: EntityManager, context: EventContext): Promise<void> {
    const issue = event.issue;
    let ticket = await m.findOne(TicketEntity, { where: { jiraId: issue.id }, lock: { mode: 'pessimistic_write' } });
    const created = !ticket;
    if (!ticket) {
      if (!(await this.isThirdLine(issue))) return;
      ticket = await this.track(m, issue, event.timestamp);
    }
    const stale = !created && event.timestamp < Number(ticket.statusAt);
    const fromColumn = ticket.column;
    const layout = this.boards.layout();
    const echo = event.actor !== null && event.actor === this.boards.serviceAccountId();
    if (!created && event.timestamp >= Number(ticket.statusAt) && (event.statusChange || issue.statusId !== ticket.statusId)) {
      Object.assign(ticket, { statusId: issue.statusId, statusName: issue.statusName, column: columnOf(layout, issue.statusId), resolution: issue.resolution, statusAt: String(event.timestamp) });
    }
    const linksChanged = JSON.stringify(ticket.links) !== JSON.stringify(issue.links);
    if (!created && event.timestamp >= Number(ticket.fieldsAt)) {
      Object.assign(ticket, { key: issue.key, summary: issue.summary, assignee: issue.assignee, labels: issue.labels, priority: issue.priority, links: issue.links, sprintIds: issue.sprintIds, fieldsAt: String(event.timestamp) });
    }
    ticket.updatedAt = this.clock.now();
    await m.save(ticket);
    const sc = event.statusChange;
    context.ticketChange = {
      key: ticket.key, created, stale, echo, actor: event.actor, timestamp: event.timestamp,
      statusChange: sc && !stale ? { ...sc, fromColumn: sc.fromId ? columnOf(layout, sc.fromId) : fromColumn, toColumn: columnOf(layout, sc.toId) } : null,
      resolution: issue.resolution, linksChanged: created || linksChanged, column: ticket.column, issue,
    };
    await this.audit.append(m, [{
      type: stale ? 'webhook.stale_ignored' : sc ? 'ticket.status_changed' : created ? 'ticket.tracked' : 'ticket.updated',
      ticketKey: ticket.key, actor: event.actor, at: this.clock.now(),
      data: { jiraTimestamp: event.timestamp, ...(sc ? { from: sc.fromName, to: sc.toName, fromId: sc.fromId, toId: sc.toId } : {}), echo },
    }]);
  }

  private async linkChanged(event: Extract<JiraEvent, { type: 'link_changed' }>, m: EntityManager): Promise<void> {
    const tickets = await m.find(TicketEntity, { where: [{ jiraId: event.sourceIssueId }, { jiraId: event.destinationIssueId }] });
    for (const ticket of tickets) {
      const fresh = await this.jira.issue(ticket.key); // link events carry ids only: re-read the links
      await m.update(TicketEntity, { key: ticket.key }, { links: fresh.links as never, updatedAt: this.clock.now() });
      await this.audit.append(m, [{ type: event.created ? 'ticket.link_added' : 'ticket.link_removed', ticketKey: ticket.key, at: this.clock.now(), data: { linkType: event.linkType, linkId: event.linkId } }]);
    }
  }

  /** The QA/Operations board's own filter decides; tickets of the service desk project never are. */
  private async isThirdLine(issue: JiraIssue): Promise<boolean> {
    const jira = this.config.jira;
    if (!jira || issue.projectKey === this.config.serviceDeskProject) return false;
    const found = await this.jira.boardIssues(jira.qaOpsBoardId, `key = ${issue.key}`);
    return found.length > 0;
  }

  async track(m: EntityManager, issue: JiraIssue, timestamp: number): Promise<TicketEntity> {
    const ticket = m.create(TicketEntity, {
      key: issue.key, jiraId: issue.id, summary: issue.summary, statusId: issue.statusId, statusName: issue.statusName,
      column: columnOf(this.boards.layout(), issue.statusId), assignee: issue.assignee, labels: issue.labels, priority: issue.priority,
      resolution: issue.resolution, links: issue.links, sprintIds: issue.sprintIds, statusAt: String(timestamp), fieldsAt: String(timestamp), updatedAt: this.clock.now(),
    });
    return m.save(ticket);
  }
}
