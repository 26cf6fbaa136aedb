import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { ADVISORY_LOCKS } from '../common/advisory-locks.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain.error.js';
import { tryLock, unlock } from '../common/session-lock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { BoardDiscovery } from '../jira/board-discovery.service.js';
import { JiraError } from '../jira/jira.errors.js';
import { EscalationPort } from '../jira/outbox/escalation.port.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import type { JiraIssue } from '../jira/jira.types.js';
import { OutboxWriter } from '../jira/outbox/outbox.writer.js';
import { ticketPriority } from './domain/sla.policy.js';
import { ServiceDeskLinkEntity } from './persistence/service-desk-link.entity.js';
import { ServiceDeskNotes } from './service-desk-notes.js';
import { readServiceDeskTicket } from './service-desk-ticket.reader.js';
import { TriageBugs } from './triage-bugs.js';

type Priority = ReturnType<typeof ticketPriority>;
const UNIQUE_VIOLATION = '23505';

/**
 * Turns a service desk ticket into a triage bug on the QA/Operations board, once. One escalation of a
 * ticket runs at a time (a session advisory lock per ticket, ended with its connection if the process
 * dies); its claim row tells link-back that the bug is being created. Every attempt finds out first
 * whether an earlier one created the bug (TriageBugs), so a lost answer or a crash never makes two.
 */
@Injectable()
export class EscalationService extends EscalationPort {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jira: JiraGateway,
    private readonly bugs: TriageBugs,
    private readonly boards: BoardDiscovery,
    private readonly outbox: OutboxWriter,
    private readonly notes: ServiceDeskNotes,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** The outbox's way in (AUTO_ESCALATE_BUGS): a done escalation is already done, one under way is tried again later. */
  async escalateOnce(serviceDeskKey: string): Promise<'applied' | 'already_done'> {
    try {
      await this.escalate(serviceDeskKey, null);
      return 'applied';
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'already_escalated' && error.details.triageKey) return 'already_done';
      // Jira's refusal (and an unknown ticket) fails the change with Jira's reason; the rest is tried again
      const status = error.code === 'not_found' ? 404 : error.code === 'already_escalated' ? 409 : ((error.details.jiraStatus as number | undefined) ?? null);
      const retryable = error.code === 'already_escalated' || error.code === 'jira_unavailable';
      throw new JiraError(error.message, { status, retryable, answerLost: error.details.answerLost === true });
    }
  }

  async escalate(serviceDeskKey: string, actor: string | null): Promise<{ serviceDeskKey: string; triageKey: string }> {
    if (!this.config.jira) throw new DomainError('jira_unavailable', 'Jira is not configured: nothing can be escalated');
    await this.refuseRepeat(serviceDeskKey);
    const runner = this.db.createQueryRunner();
    await runner.connect();
    let locked = false;
    try {
      locked = await tryLock(runner, ADVISORY_LOCKS.escalation, serviceDeskKey);
      if (!locked) throw new DomainError('already_escalated', `${serviceDeskKey} is being escalated right now`, { triageKey: null });
      await this.refuseRepeat(serviceDeskKey); // it may have been done while this one waited
      const ticket = await readServiceDeskTicket(this.jira, this.config.serviceDeskProject, serviceDeskKey);
      const priority = this.priorityOf(ticket);
      const claimId = await this.claim(serviceDeskKey);
      let bugKey: string;
      try {
        bugKey = await this.bugs.createOnce(ticket, priority);
      } catch (error) {
        // every attempt looks for the bug before it creates one: the claim can go
        await this.db.manager.delete(ServiceDeskLinkEntity, { id: claimId, state: 'creating' });
        throw failedCreate(error);
      }
      await this.recordOnce(claimId, serviceDeskKey, bugKey, priority, actor);
      return { serviceDeskKey, triageKey: bugKey };
    } finally {
      if (locked) await unlock(runner, ADVISORY_LOCKS.escalation, serviceDeskKey);
      await runner.release();
    }
  }

  priorityOf(ticket: JiraIssue): Priority {
    return ticketPriority(ticket, this.config.serviceDeskEnvironmentField, this.config.serviceDesk.testEnvironments);
  }

  private async refuseRepeat(serviceDeskKey: string): Promise<void> {
    const existing = await this.db.getRepository(ServiceDeskLinkEntity).findOneBy({ serviceDeskKey, via: 'escalation', state: 'linked' });
    if (existing) {
      throw new DomainError('already_escalated', `${serviceDeskKey} is already escalated as ${existing.bugKey}`, { triageKey: existing.bugKey });
    }
  }

  /** The claim row (link-back leaves the bug to the escalation meanwhile); one left by an attempt that died is taken over. */
  private async claim(serviceDeskKey: string): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO service_desk_link (service_desk_key, via, state, started_at) VALUES ($1, 'escalation', 'creating', $2)
       ON CONFLICT (service_desk_key) WHERE via = 'escalation' DO UPDATE SET started_at = EXCLUDED.started_at
       WHERE service_desk_link.state = 'creating' RETURNING id`,
      [serviceDeskKey, this.clock.now()],
    );
    if (rows.length === 0) throw new DomainError('already_escalated', `${serviceDeskKey} is already escalated`, { triageKey: null });
    return String(rows[0].id);
  }

  /**
   * Link-back may be recording the same bug's link at this moment (a bug Jira made after an earlier
   * attempt gave up): the record takes its place, and is tried again once if that link was committed meanwhile.
   */
  private async recordOnce(claimId: string, serviceDeskKey: string, bugKey: string, priority: Priority, actor: string | null): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction((m) => this.record(m, claimId, serviceDeskKey, bugKey, priority, actor));
      } catch (error) {
        if (attempt > 1 || (error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      }
    }
  }

  private async record(m: EntityManager, claimId: string, serviceDeskKey: string, bugKey: string, priority: Priority, actor: string | null): Promise<void> {
    const now = this.clock.now();
    await m.delete(ServiceDeskLinkEntity, { bugKey, via: 'link_back' });
    await m.update(
      ServiceDeskLinkEntity,
      { id: claimId },
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
    // the link to the ticket was made by the create request itself
    const triage = this.boards.layout()?.triage ?? [];
    if (triage.length) await this.outbox.enqueue(m, [{ kind: 'transition', key: bugKey, toStatusIds: triage }], 'escalation', now);
    const why = priority.reason ? ` Priority ${priority.effective}: ${priority.reason}.` : priority.effective ? ` Priority ${priority.effective}.` : '';
    await this.notes.note(m, serviceDeskKey, `3rd-line: escalated as ${bugKey}, now in Triage on the QA/Operations board.${why}`, now, bugKey);
    if (this.config.serviceDesk.writeBackPriority && priority.reason && priority.effective) {
      await this.outbox.enqueue(m, [{ kind: 'set_priority', key: serviceDeskKey, priority: priority.effective }], 'sla', now);
    }
    await this.audit.append(m, [
      {
        type: 'escalation.created',
        ticketKey: bugKey,
        actor,
        at: now,
        data: {
          serviceDeskKey,
          reportedPriority: priority.reported,
          effectivePriority: priority.effective,
          reason: priority.reason,
          environment: priority.environment,
        },
      },
    ]);
  }
}

/** Why the triage bug is not there, for the caller: Jira's refusal, an answer lost (a retry finds the bug if Jira made it), or Jira down. */
function failedCreate(error: unknown): Error {
  if (!(error instanceof JiraError)) return error as Error;
  if (!error.retryable) return new DomainError('jira_refused', `Jira refused to create the triage bug: ${error.message}`, { jiraStatus: error.status });
  const what = error.answerLost
    ? 'Jira’s answer to the create was lost, and right after it the ticket showed no triage bug of it; ' +
      'try again (a retry finds the bug if Jira made it after all)'
    : 'Jira did not create the triage bug, nothing was changed; try again';
  return new DomainError('jira_unavailable', `${what}: ${error.message}`, { answerLost: error.answerLost });
}
