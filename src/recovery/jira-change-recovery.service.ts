import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditType } from '../audit/audit-types.js';
import { AuditLog } from '../audit/audit.log.js';
import { type Identity, personOf } from '../auth/domain/role.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain.error.js';
import { toJiraChangeView, type JiraChangeView } from '../jira/outbox/jira-change.view.js';
import { describeChange, WITHHELD_COMMENT } from '../jira/outbox/jira-change.js';
import { KnownBoards } from '../jira/known-boards.js';
import { OutboxSignal } from '../jira/outbox/outbox.signal.js';
import type { JiraChangeEntity } from '../jira/persistence/jira-change.entity.js';
import { type Check, changeRecoveryCheck, isWithheldExplanation } from './domain/recovery.rules.js';
import { RecoveryRepository } from './persistence/recovery.repository.js';

export type RecoveredChange = JiraChangeView & { withComment: number | null };

/**
 * Retry puts a failed change back in the outbox in place (same id): the worker's rules apply again —
 * it checks Jira's state before it writes, and it goes before any later change of the issue still
 * waiting. Abandon gives it up with a reason. Each is one transaction with its audit event.
 */
@Injectable()
export class JiraChangeRecoveryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: RecoveryRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly signal: OutboxSignal,
    private readonly boards: KnownBoards,
  ) {}

  private readonly statusName = (id: string) => this.boards.statusName(id);

  async retry(id: string, by: Identity): Promise<RecoveredChange> {
    const result = await this.db.transaction(async (m) => {
      const { change, comment } = await this.lockFailed(m, id, 'retry');
      const ids = [change.id, ...(comment ? [comment.id] : [])];
      await this.repo.requeueChanges(m, ids);
      await this.record(m, 'jira.change_retried', [change, comment], by, {});
      return this.reread(m, change.id, comment);
    });
    this.signal.wake();
    return result;
  }

  async abandon(id: string, reason: string, by: Identity): Promise<RecoveredChange> {
    return this.db.transaction(async (m) => {
      const { change, comment } = await this.lockFailed(m, id, 'abandon');
      await this.repo.abandonChanges(m, [change.id, ...(comment ? [comment.id] : [])], reason.trim());
      await this.record(m, 'jira.change_abandoned', [change, comment], by, { reason: reason.trim() });
      return this.reread(m, change.id, comment);
    });
  }

  private async lockFailed(m: EntityManager, id: string, action: 'retry' | 'abandon') {
    const locked = await this.repo.lockChange(m, id);
    if (!locked) throw new DomainError('not_found', `There is no Jira change ${id}`);
    refuse(changeRecoveryCheck(action, locked === 'busy' ? { id, status: 'sending' } : locked));
    const change = locked as JiraChangeEntity; // a busy change is in flight: refused above
    const next = await this.repo.lockNextChange(m, change);
    const explains = (next?.payload as { explainsPrevious?: boolean } | undefined)?.explainsPrevious === true;
    const comment =
      next && isWithheldExplanation({ status: next.status, kind: next.kind, explainsPrevious: explains, error: next.lastError }, WITHHELD_COMMENT)
        ? next
        : null;
    return { change, comment };
  }

  private async record(
    m: EntityManager,
    type: Extract<AuditType, 'jira.change_retried' | 'jira.change_abandoned'>,
    changes: (JiraChangeEntity | null)[],
    by: Identity,
    extra: Record<string, unknown>,
  ): Promise<void> {
    const at = this.clock.now();
    await this.audit.append(
      m,
      changes
        .filter((c): c is JiraChangeEntity => c !== null)
        .map((c) => ({
          type,
          ticketKey: c.payload.key,
          actor: personOf(by),
          at,
          data: { commandId: c.id, change: describeChange(c.payload, this.statusName), previousError: c.lastError, previousAttempts: c.attempts, ...extra },
        })),
    );
  }

  private async reread(m: EntityManager, id: string, comment: JiraChangeEntity | null): Promise<RecoveredChange> {
    const row = await this.repo.change(m, id);
    return { ...toJiraChangeView(row, this.statusName), withComment: comment ? Number(comment.id) : null };
  }
}

function refuse(check: Check): void {
  if (!check.ok) throw new DomainError(check.code, check.message);
}
