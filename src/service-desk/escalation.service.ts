import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain.error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { BoardDiscovery } from '../jira/board-discovery.service.js';
import { JiraError, JiraNotFoundError } from '../jira/jira.errors.js';
import { EscalationPort } from '../jira/outbox/escalation.port.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import type { JiraIssue } from '../jira/jira.types.js';
import { OutboxWriter } from '../jira/outbox/outbox.writer.js';
import { ticketPriority } from './domain/sla.policy.js';
import { ServiceDeskLinkEntity } from './persistence/service-desk-link.entity.js';
import { ServiceDeskNotes } from './service-desk-notes.js';

const STALE_CREATION_MS = 2 * 60_000;
const EXCERPT = 1500;

/** Turns a service desk ticket into a triage bug on the QA/Operations board, once. */
@Injectable()
export class EscalationService extends EscalationPort {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jira: JiraGateway,
    private readonly boards: BoardDiscovery,
    private readonly outbox: OutboxWriter,
    private readonly notes: ServiceDeskNotes,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** The outbox's way in (AUTO_ESCALATE_BUGS): a repeat is already done, Jira's refusal a failed change. */
  async escalateOnce(serviceDeskKey: string): Promise<'applied' | 'already_done'> {
    try {
      await this.escalate(serviceDeskKey, null);
      return 'applied';
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'already_escalated') return 'already_done';
      throw new JiraError(error.message, error.code === 'not_found' ? 404 : null, error.code === 'jira_unavailable');
    }
  }

  async escalate(serviceDeskKey: string, actor: string | null): Promise<{ serviceDeskKey: string; triageKey: string }> {
    const jira = this.config.jira;
    if (!jira) throw new DomainError('jira_unavailable', 'Jira is not configured: nothing can be escalated');
    await this.refuseRepeat(serviceDeskKey);
    const ticket = await this.readTicket(serviceDeskKey);
    const priority = this.priorityOf(ticket);
    const claim = await this.claim(serviceDeskKey);
    let created: { key: string };
    try {
      created = await this.jira.createIssue({
        projectKey: jira.triageProject,
        issueType: this.config.triageIssueType,
        summary: `${ticket.summary} [${serviceDeskKey}]`.slice(0, 250),
        description: `Escalated from ${serviceDeskKey}.\n\n${ticket.description.slice(0, EXCERPT)}${ticket.description.length > EXCERPT ? ' …' : ''}`,
        labels: [this.config.triageLabel],
        ...(priority.effective ? { priority: priority.effective } : {}),
      });
    } catch (error) {
      await this.db.manager.delete(ServiceDeskLinkEntity, { id: claim.id });
      throw new DomainError('jira_unavailable', `Jira did not create the triage bug, nothing was changed: ${(error as Error).message}`);
    }
    await this.db.transaction((m) => this.record(m, claim, created.key, ticket, priority, actor));
    return { serviceDeskKey, triageKey: created.key };
  }

  private async refuseRepeat(serviceDeskKey: string): Promise<void> {
    const existing = await this.db.getRepository(ServiceDeskLinkEntity).findOneBy({ serviceDeskKey, via: 'escalation' });
    if (!existing) return;
    const stale = existing.state === 'creating' && this.clock.now().getTime() - existing.startedAt.getTime() > STALE_CREATION_MS;
    if (stale) {
      // an escalation that died between Jira's answer and ours; let this one try again
      await this.db.manager.delete(ServiceDeskLinkEntity, { id: existing.id, state: 'creating' });
      return;
    }
    throw new DomainError(
      'already_escalated',
      existing.bugKey ? `${serviceDeskKey} is already escalated as ${existing.bugKey}` : `${serviceDeskKey} is being escalated right now`,
      { triageKey: existing.bugKey },
    );
  }

  private async readTicket(key: string): Promise<JiraIssue> {
    try {
      const ticket = await this.jira.issue(key);
      if (ticket.projectKey !== this.config.serviceDeskProject) {
        throw new DomainError('not_found', `${key} is not a ticket of the service desk project ${this.config.serviceDeskProject}`);
      }
      return ticket;
    } catch (error) {
      if (error instanceof JiraNotFoundError) throw new DomainError('not_found', `Jira has no ticket ${key}`);
      if (error instanceof JiraError) throw new DomainError('jira_unavailable', `Jira could not be read, nothing was changed: ${error.message}`);
      throw error;
    }
  }

  priorityOf(ticket: JiraIssue) {
    return ticketPriority(ticket, this.config.serviceDeskEnvironmentField, this.config.serviceDesk.testEnvironments);
  }

  /** The unique index lets exactly one of two racing escalations through. */
  private async claim(serviceDeskKey: string): Promise<ServiceDeskLinkEntity> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO service_desk_link (service_desk_key, via, state, started_at) VALUES ($1, 'escalation', 'creating', $2)
       ON CONFLICT (service_desk_key) WHERE via = 'escalation' DO NOTHING RETURNING id`,
      [serviceDeskKey, this.clock.now()],
    );
    if (rows.length === 0) throw new DomainError('already_escalated', `${serviceDeskKey} is being escalated right now`, { triageKey: null });
    return Object.assign(new ServiceDeskLinkEntity(), { id: String(rows[0].id), serviceDeskKey });
  }

  private async record(
    m: EntityManager,
    claim: ServiceDeskLinkEntity,
    bugKey: string,
    ticket: JiraIssue,
    priority: ReturnType<EscalationService['priorityOf']>,
    actor: string | null,
  ): Promise<void> {
    const now = this.clock.now();
    await m.delete(ServiceDeskLinkEntity, { bugKey, via: 'link_back' });
    await m.update(
      ServiceDeskLinkEntity,
      { id: claim.id },
      {
        bugKey,
        state: 'linked',
        reportedPriority: priority.reported,
        effectivePriority: priority.effective,
        priorityReason: priority.reason,
        environment: priority.environment,
        startedAt: now,
      },
    );
    const triage = this.boards.layout()?.triage ?? [];
    await this.outbox.enqueue(
      m,
      [
        // the bug stands in inwardIssue, so it reads "<bug> <outward words> <ticket>", e.g. "QAOPS-5 relates to SUP-12"
        { kind: 'link', key: bugKey, type: this.config.serviceDeskLinkType, inwardKey: bugKey, outwardKey: claim.serviceDeskKey },
        ...(triage.length ? [{ kind: 'transition' as const, key: bugKey, toStatusIds: triage }] : []),
      ],
      'escalation',
      now,
    );
    const why = priority.reason ? ` Priority ${priority.effective}: ${priority.reason}.` : priority.effective ? ` Priority ${priority.effective}.` : '';
    await this.notes.note(m, claim.serviceDeskKey, `3rd-line: escalated as ${bugKey}, now in Triage on the QA/Operations board.${why}`, now, bugKey);
    if (this.config.serviceDesk.writeBackPriority && priority.reason && priority.effective) {
      await this.outbox.enqueue(m, [{ kind: 'set_priority', key: claim.serviceDeskKey, priority: priority.effective }], 'sla', now);
    }
    await this.audit.append(m, [
      {
        type: 'escalation.created',
        ticketKey: bugKey,
        actor,
        at: now,
        data: {
          serviceDeskKey: claim.serviceDeskKey,
          reportedPriority: priority.reported,
          effectivePriority: priority.effective,
          reason: priority.reason,
          environment: priority.environment,
        },
      },
    ]);
  }
}
