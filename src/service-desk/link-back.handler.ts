import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain.error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { extractIssueKeys } from '../deployments/domain/issue-keys.extractor.js';
import { FlowService } from '../flow/flow.service.js';
import { BoardDiscovery } from '../jira/board-discovery.service.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import type { JiraIssue } from '../jira/jira.types.js';
import { OutboxWriter } from '../jira/outbox/outbox.writer.js';
import { TicketEntity } from '../tickets/persistence/ticket.entity.js';
import type { TicketChange } from '../tickets/domain/ticket-change.js';
import type { JiraEvent } from '../webhooks/domain/jira-event.js';
import { type EventContext, JiraEventBus, type JiraEventHandler } from '../webhooks/jira-event.bus.js';
import { EscalationService } from './escalation.service.js';
import { ServiceDeskLinkEntity } from './persistence/service-desk-link.entity.js';
import { ServiceDeskNotes } from './service-desk-notes.js';

export const NEEDS_LINK_LABEL = 'needs-service-desk-link';

/**
 * Every bug on the QA/Operations board belongs to a service desk ticket: link the ones that name it,
 * flag the ones that don't, refuse them in Ready for sprint, and tell the ticket where its bug is.
 */
@Injectable()
export class LinkBackHandler implements JiraEventHandler, OnModuleInit {
  private readonly logger = new Logger('LinkBack');

  constructor(
    private readonly bus: JiraEventBus,
    private readonly flow: FlowService,
    private readonly notes: ServiceDeskNotes,
    private readonly escalations: EscalationService,
    private readonly jira: JiraGateway,
    private readonly boards: BoardDiscovery,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.bus.register(30, this);
  }

  async handle(event: JiraEvent, m: EntityManager, context: EventContext): Promise<void> {
    if (event.type === 'issue_changed' && event.issue.projectKey === this.config.serviceDeskProject) return this.serviceDeskTicket(event);
    if (event.type === 'link_changed' && !event.created) return this.linkRemoved(event, m);
    const change = context.ticketChange;
    if (!change || change.stale) return;
    const linked = await this.ensureLink(m, change);
    if (change.echo) return;
    await this.stageNotes(m, change);
    const sc = change.statusChange;
    if (!linked && sc && sc.toColumn === 'ready' && sc.fromColumn !== 'ready') {
      await this.flow.apply({ type: 'readied_unlinked', key: change.key, actor: change.actor ?? 'unknown', fromStatusId: sc.fromId }, m);
    }
  }

  /** Linked already, or linked now from a key in the text; otherwise flagged once. True when linked. */
  private async ensureLink(m: EntityManager, change: TicketChange): Promise<boolean> {
    if (await this.notes.linkOf(m, change.key)) return true;
    const issue = change.issue;
    const inJira = this.notes.jsmKeyOf(issue.links);
    const fromText = inJira ? null : this.serviceDeskKeyIn(issue);
    const serviceDeskKey = inJira ?? fromText;
    const now = this.clock.now();
    if (serviceDeskKey && (await m.countBy(ServiceDeskLinkEntity, { serviceDeskKey, via: 'escalation', state: 'creating' }))) {
      return true; // an escalation is creating this very bug and records its link itself
    }
    if (!serviceDeskKey) {
      if (change.column !== 'other' && !issue.labels.includes(NEEDS_LINK_LABEL)) await this.flagUnlinked(m, change.key, now);
      return false;
    }
    await this.linkBack(m, change.key, serviceDeskKey, fromText !== null, now);
    if (change.column === 'triage') await this.notes.stage(m, change.key, 'triaged', now);
    return true;
  }

  private serviceDeskKeyIn(issue: JiraIssue): string | null {
    const prefix = `${this.config.serviceDeskProject}-`;
    return extractIssueKeys([issue.summary, issue.description]).find((k) => k.startsWith(prefix)) ?? null;
  }

  private async linkBack(m: EntityManager, bugKey: string, serviceDeskKey: string, createLink: boolean, now: Date): Promise<void> {
    const ticket = await this.jira.issue(serviceDeskKey).catch(() => null); // priority and environment, when Jira answers
    const priority = ticket ? this.escalations.priorityOf(ticket) : null;
    await m.insert(ServiceDeskLinkEntity, {
      serviceDeskKey, bugKey, via: 'link_back', state: 'linked', startedAt: now, reportedPriority: priority?.reported ?? null,
      effectivePriority: priority?.effective ?? null, priorityReason: priority?.reason ?? null, environment: priority?.environment ?? null,
    });
    if (createLink) {
      await this.outbox.enqueue(m, [{ kind: 'link', key: bugKey, type: this.config.serviceDeskLinkType, inwardKey: bugKey, outwardKey: serviceDeskKey }], 'link_back', now);
    }
    await this.audit.append(m, [{ type: 'service_desk.linked', ticketKey: bugKey, at: now, data: { serviceDeskKey, found: createLink ? 'in the text' : 'linked in Jira' } }]);
  }

  private async flagUnlinked(m: EntityManager, bugKey: string, now: Date): Promise<void> {
    await this.outbox.enqueue(m, [
      { kind: 'comment', key: bugKey, text: `Link-back: this bug is not linked to a service desk ticket of ${this.config.serviceDeskProject}, and none is named in its summary or description. Link it (${this.config.serviceDeskLinkType}) before it is Ready for sprint.` },
      { kind: 'labels', key: bugKey, add: [NEEDS_LINK_LABEL], remove: [] },
    ], 'link_back', now);
    await this.audit.append(m, [{ type: 'service_desk.unlinked_flagged', ticketKey: bugKey, at: now }]);
  }

  private async stageNotes(m: EntityManager, change: TicketChange): Promise<void> {
    const sc = change.statusChange;
    if (!sc || sc.fromColumn === sc.toColumn) return;
    const now = this.clock.now();
    if (sc.toColumn === 'triage') await this.notes.stage(m, change.key, 'triaged', now);
    else if (sc.toColumn === 'ready') await this.notes.stage(m, change.key, 'ready', now);
    else if (change.issue.statusCategory === 'done') await this.notes.stage(m, change.key, 'done', now);
  }

  /** Removing the last link is noticed like a missing one: flagged, and out of Ready for sprint. */
  private async linkRemoved(event: Extract<JiraEvent, { type: 'link_changed' }>, m: EntityManager): Promise<void> {
    const tickets = await m.find(TicketEntity, { where: [{ jiraId: event.sourceIssueId }, { jiraId: event.destinationIssueId }] });
    const now = this.clock.now();
    for (const ticket of tickets) {
      const link = await this.notes.linkOf(m, ticket.key);
      if (!link || this.notes.jsmKeyOf(ticket.links)) continue;
      await m.delete(ServiceDeskLinkEntity, { id: link.id });
      await this.audit.append(m, [{ type: 'service_desk.unlinked', ticketKey: ticket.key, at: now, data: { serviceDeskKey: link.serviceDeskKey } }]);
      await this.flagUnlinked(m, ticket.key, now);
      const triage = this.boards.layout()?.triage[0] ?? null;
      if (ticket.column === 'ready') await this.flow.apply({ type: 'readied_unlinked', key: ticket.key, actor: 'unknown', fromStatusId: triage }, m);
    }
  }

  /** Optional: a JSM ticket re-typed to Bug escalates itself. */
  private async serviceDeskTicket(event: Extract<JiraEvent, { type: 'issue_changed' }>): Promise<void> {
    if (!this.config.serviceDesk.autoEscalateBugs || !event.changedFields.includes('issuetype')) return;
    if (event.issue.issueType.toLowerCase() !== this.config.triageIssueType.toLowerCase()) return;
    try {
      await this.escalations.escalate(event.issue.key, event.actor);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'already_escalated') return;
      this.logger.warn(`Automatic escalation of ${event.issue.key} failed: ${(error as Error).message}`);
      throw error;
    }
  }
}
