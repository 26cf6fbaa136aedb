import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThan } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain.error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { BoardDiscovery } from '../jira/board-discovery.service.js';
import { JiraError } from '../jira/jira.errors.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import type { JiraIssue } from '../jira/jira.types.js';
import { ServiceDeskLinkEntity } from '../service-desk/persistence/service-desk-link.entity.js';
import { ticketPriority } from '../service-desk/domain/sla.policy.js';
import { TicketEntity } from '../tickets/persistence/ticket.entity.js';
import type { JiraEvent } from '../webhooks/domain/jira-event.js';
import { JiraEventBus } from '../webhooks/jira-event.bus.js';
import { driftOf } from './domain/drift.js';

const LOCK_ID = 72_002; // advisory lock: one reconciliation at a time across instances
const JOB = 'reconcile';

export interface ReconcileResult {
  checked: number;
  repaired: number;
  skipped?: boolean;
}

/**
 * Repairs what lost webhooks left out: pages through both boards with /search/jql, and for every
 * ticket that differs from the service's copy, applies Jira's current state as a synthetic event
 * through the same handlers a webhook goes through (tracking, enforcement, link-back). Page by page:
 * memory does not grow with the number of issues.
 */
@Injectable()
export class ReconcileService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Reconcile');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jira: JiraGateway,
    private readonly boards: BoardDiscovery,
    private readonly bus: JiraEventBus,
    private readonly scheduler: SchedulerRegistry,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.jira.configured || this.config.reconcileSeconds === 0) return;
    const timer = setInterval(() => void this.run().catch((e: Error) => this.logger.warn(`Reconciliation failed: ${e.message}`)), this.config.reconcileSeconds * 1000);
    timer.unref();
    this.scheduler.addInterval(JOB, timer);
  }

  async run(): Promise<ReconcileResult> {
    const jira = this.config.jira;
    if (!jira) throw new DomainError('jira_unavailable', 'Jira is not configured: there is nothing to reconcile with');
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [LOCK_ID]);
      if (!locked) return { checked: 0, repaired: 0, skipped: true };
      try {
        return await this.pass(jira.qaOpsBoardId, jira.sprintBoardId);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]);
      }
    } catch (error) {
      if (error instanceof JiraError) throw new DomainError('jira_unavailable', `Reconciliation stopped, Jira could not be read: ${error.message}`);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async pass(qaBoardId: number, sprintBoardId: number): Promise<ReconcileResult> {
    await this.boards.refresh();
    const [qaJql, sprintJql] = await Promise.all([this.jira.boardFilterJql(qaBoardId), this.jira.boardFilterJql(sprintBoardId)]);
    let checked = 0;
    let repaired = 0;
    // QA/Operations board: every issue is 3rd-line. Sprint Work board: only tickets already tracked.
    for (const [jql, onQaBoard] of [[qaJql, true], [sprintJql, false]] as const) {
      let token: string | null = null;
      do {
        const readAt = this.clock.now().getTime();
        const page = await this.jira.search(stripOrderBy(jql), token);
        // one query per page for the service's copies; only drifting tickets go on to a locked repair
        const known = await this.db.getRepository(TicketEntity).findBy({ jiraId: In(page.issues.map((i) => i.id)) });
        const byId = new Map(known.map((t) => [t.jiraId, t]));
        for (const issue of page.issues) {
          checked++;
          const seen = byId.get(issue.id) ?? null;
          if ((!seen && !onQaBoard) || (seen && driftOf(seen, issue).length === 0)) continue;
          if (await this.repair(issue, onQaBoard, readAt)) repaired++;
        }
        token = page.nextPageToken;
      } while (token);
    }
    const desk = await this.serviceDeskTickets();
    checked += desk.checked;
    repaired += desk.repaired;
    await this.db.transaction((m) => this.audit.append(m, [{ type: 'reconcile.completed', at: this.clock.now(), data: { checked, repaired, drift: repaired } }]));
    if (repaired) this.logger.log(`Reconciliation: ${checked} checked, ${repaired} repaired`);
    return { checked, repaired };
  }

  /**
   * The linked JSM tickets: their priority and environment decide the bug's SLA priority, and JSM
   * ticket changes reach the service by no other path than this.
   */
  private async serviceDeskTickets(): Promise<{ checked: number; repaired: number }> {
    let checked = 0;
    let repaired = 0;
    const links = this.db.getRepository(ServiceDeskLinkEntity);
    for (let afterId = '0'; ;) {
      const chunk = await links.find({ where: { state: 'linked', id: MoreThan(afterId) }, order: { id: 'ASC' }, take: 100 });
      if (chunk.length === 0) break;
      afterId = chunk[chunk.length - 1].id;
      const keys = [...new Set(chunk.map((l) => l.serviceDeskKey))];
      let tickets: JiraIssue[];
      try {
        tickets = (await this.jira.search(`key in (${keys.join(',')})`)).issues;
      } catch (error) {
        this.logger.warn(`Service desk tickets ${keys[0]}…: not read (${(error as Error).message})`);
        continue;
      }
      const byKey = new Map(tickets.map((t) => [t.key, t]));
      for (const link of chunk) {
        const ticket = byKey.get(link.serviceDeskKey);
        if (!ticket) continue;
        checked++;
        const p = ticketPriority(ticket, this.config.serviceDeskEnvironmentField, this.config.serviceDesk.testEnvironments);
        if (p.reported === link.reportedPriority && p.effective === link.effectivePriority && p.environment === link.environment) continue;
        await this.db.transaction(async (m) => {
          await m.update(ServiceDeskLinkEntity, { id: link.id }, { reportedPriority: p.reported, effectivePriority: p.effective, priorityReason: p.reason, environment: p.environment });
          await this.audit.append(m, [{ type: 'reconcile.repaired', ticketKey: link.bugKey, at: this.clock.now(), data: { drift: ['sla_priority'], serviceDeskKey: link.serviceDeskKey, from: link.effectivePriority, to: p.effective } }]);
        });
        repaired++;
      }
    }
    return { checked, repaired };
  }

  /** True when the ticket differed and was repaired. */
  private async repair(issue: JiraIssue, onQaBoard: boolean, readAt: number): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const known = await m.findOne(TicketEntity, { where: { jiraId: issue.id }, lock: { mode: 'pessimistic_write' } });
      if (!known && !onQaBoard) return false;
      const drift = driftOf(known, issue);
      if (drift.length === 0) return false;
      // as if Jira had sent the webhook we missed; the mover is unknown, the assignee is the best guess
      const event: JiraEvent = {
        type: 'issue_changed', created: false, timestamp: readAt, actor: issue.assignee, issue,
        statusChange: known && known.statusId !== issue.statusId ? { fromId: known.statusId, toId: issue.statusId, fromName: known.statusName, toName: issue.statusName } : null,
        changedFields: drift,
      };
      await this.bus.publish(event, m);
      await this.audit.append(m, [{ type: 'reconcile.repaired', ticketKey: issue.key, at: this.clock.now(), data: { drift } }]);
      return true;
    });
  }
}

/** /search/jql pages in its own order; a board filter's ORDER BY adds nothing here. */
function stripOrderBy(jql: string): string {
  return jql.replace(/\s+order\s+by\s+.*$/i, '').trim();
}
