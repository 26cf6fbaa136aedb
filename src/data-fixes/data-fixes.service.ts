import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain.error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { JiraChange } from '../jira/outbox/jira-change.js';
import { OutboxWriter } from '../jira/outbox/outbox.writer.js';
import { decideDataFix, proposeDataFix } from './domain/data-fix.decision.js';
import type { DataFixCommand, DataFixEvent, DataFixState } from './domain/data-fix.types.js';
import { sha256Of } from './domain/sql-fingerprint.js';
import { checkSql } from './domain/sql-safety.check.js';
import { toView, type DataFixView } from './dto/data-fix.view.js';
import { DataFixRepository } from './persistence/data-fix.repository.js';

export interface DataFixProposal {
  ticketKey: string;
  sql: string;
  purpose: string;
}

/**
 * The four-eyes record of data fixes: each step locks the fix, lets the domain decide, saves,
 * audits and queues the ticket's internal note, in one transaction. The SQL is never run here.
 */
@Injectable()
export class DataFixesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: DataFixRepository,
    private readonly audit: AuditLog,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async propose(proposal: DataFixProposal, person: string): Promise<DataFixView> {
    this.requireServiceDeskTicket(proposal.ticketKey);
    await this.requireSafe(proposal.sql);
    return this.db.transaction(async (m) => {
      const now = this.clock.now();
      const fields = { ...proposal, author: person, sha256: sha256Of(proposal.sql) };
      const id = await this.repo.insert(m, fields, now);
      const { next, events } = proposeDataFix({ id, ...fields }, now);
      await this.record(m, 0, next, events, now);
      return toView(next);
    });
  }

  edit(id: number, sql: string, person: string): Promise<DataFixView> {
    return this.decide(id, { type: 'edit', person, sql, sha256: sha256Of(sql) });
  }

  decide(id: number, command: DataFixCommand): Promise<DataFixView> {
    return this.db.transaction(async (m) => {
      const fix = await this.repo.load(m, id, true);
      if (!fix) throw notFound(id);
      const now = this.clock.now();
      const decision = decideDataFix(fix, command, now);
      if (!decision.ok) throw new DomainError(decision.code, decision.message, { dataFixId: fix.id, state: fix.state });
      // checked after the decision: not_author or already_applied tell the caller more than the script's flaw
      if (command.type === 'edit') await this.requireSafe(command.sql);
      await this.record(m, fix.history.length, decision.next, decision.events, now);
      return toView(decision.next);
    });
  }

  async get(id: number): Promise<DataFixView> {
    const fix = await this.repo.load(this.db.manager, id, false);
    if (!fix) throw notFound(id);
    return toView(fix);
  }

  async list(ticketKey?: string): Promise<DataFixView[]> {
    return (await this.repo.list(this.db.manager, ticketKey)).map(toView);
  }

  private async record(m: EntityManager, known: number, next: DataFixState, events: DataFixEvent[], now: Date): Promise<void> {
    await this.repo.save(m, known, next, now);
    await this.audit.append(
      m,
      events.map((e) => ({
        type: e.type,
        ticketKey: e.ticketKey,
        actor: e.actor,
        at: e.at,
        data: { dataFixId: e.dataFixId, ...e.data },
      })),
    );
    // A data fix belongs to a JSM request: the note goes through the servicedesk API as internal
    // (public: false), so the customer never sees scripts or row counts. A platform comment would be public there.
    const notes: JiraChange[] = events.map((e) => ({ kind: 'service_desk_note', key: e.ticketKey, text: e.note, public: false }));
    await this.outbox.enqueue(m, notes, 'data_fix', now);
  }

  private async requireSafe(sql: string): Promise<void> {
    const verdict = await checkSql(sql);
    if (!verdict.ok) {
      throw new DomainError(verdict.code, `The script is refused: ${verdict.message}`, { statement: verdict.statement, reason: verdict.message });
    }
  }

  /** Internal notes exist only on JSM requests, so a fix must belong to a ticket of the JSM project. */
  private requireServiceDeskTicket(ticketKey: string): void {
    const project = this.config.serviceDeskProject.toUpperCase();
    if (ticketKey.startsWith(`${project}-`)) return;
    const problem = `ticketKey must be a ticket of the JSM project ${project}: its internal notes record the fix`;
    throw new DomainError('validation_failed', `Invalid request: ${problem}`, { fields: [{ field: 'ticketKey', problems: [problem] }] });
  }
}

function notFound(id: number): DomainError {
  return new DomainError('not_found', `There is no data fix #${id}`);
}
