import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain.error.js';
import { withSessionLock } from '../common/session-lock.js';
import { scheduleEvery } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { BoardDiscovery } from '../jira/board-discovery.service.js';
import { JiraError, notFoundAsNull } from '../jira/jira.errors.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import { RECONCILE_MAX } from '../jira/recent-changes.js';
import type { JiraIssue } from '../jira/jira.types.js';
import { withoutOrderBy } from '../jira/board-discovery.service.js';
import type { JiraEvent } from '../jira/events/jira-event.js';
import { issueOrderKey } from '../jira/events/jira-event.mapper.js';
import { SlaPriorityReconciler } from '../service-desk/sla-priority.reconciler.js';
import { TicketEntity } from '../tickets/persistence/ticket.entity.js';
import { EventDecider } from '../webhooks/event.decider.js';
import { EventReader } from '../webhooks/event.reader.js';
import { WebhookQueue } from '../webhooks/persistence/webhook-queue.repository.js';
import { driftOf } from './domain/drift.js';
import { ADVISORY_LOCKS } from '../common/advisory-locks.js';

const LOCK_ID = ADVISORY_LOCKS.reconcile;
const JOB = 'reconcile';

export interface ReconcileResult {
  checked: number;
  repaired: number;
  skipped?: boolean;
}

/**
 * Repairs what lost webhooks left out: pages through both boards' filters with /search/jql, and for
 * every ticket that differs from the service's copy, applies Jira's current state as a synthetic
 * event through the same pipeline a webhook goes through (tracking, link-back, enforcement), holding
 * the issue's lock as the webhook processor does. Page by page: memory does not grow with the issues.
 */
@Injectable()
export class ReconcileService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Reconcile');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jira: JiraGateway,
    private readonly boards: BoardDiscovery,
    private readonly reader: EventReader,
    private readonly decider: EventDecider,
    private readonly queue: WebhookQueue,
    private readonly slaPriorities: SlaPriorityReconciler,
    private readonly scheduler: SchedulerRegistry,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.jira.configured || this.config.reconcileSeconds === 0) return;
    scheduleEvery(this.scheduler, JOB, this.config.reconcileSeconds, () => this.run(), this.logger, 'Reconciliation failed');
  }

  async run(): Promise<ReconcileResult> {
    const jira = this.config.jira;
    if (!jira) throw new DomainError('jira_unavailable', 'Jira is not configured: there is nothing to reconcile with');
    try {
      return (await withSessionLock(this.db, LOCK_ID, () => this.pass(jira.qaOpsBoardId, jira.sprintBoardId))) ?? { checked: 0, repaired: 0, skipped: true };
    } catch (error) {
      if (error instanceof JiraError) throw new DomainError('jira_unavailable', `Reconciliation stopped, Jira could not be read: ${error.message}`);
      throw error;
    }
  }

  private async pass(qaBoardId: number, sprintBoardId: number): Promise<ReconcileResult> {
    await this.boards.refresh();
    const [qaJql, sprintJql] = await Promise.all([this.jira.boardFilterJql(qaBoardId), this.jira.boardFilterJql(sprintBoardId)]);
    let checked = 0;
    let repaired = 0;
    const seenOnQaBoard = new Set<string>();
    // QA/Operations board: every issue is 3rd-line. Sprint Work board: only tickets already tracked, and not checked already.
    for (const [jql, onQaBoard] of [
      [qaJql, true],
      [sprintJql, false],
    ] as const) {
      let token: string | null = null;
      do {
        const page = await this.jira.search(withoutOrderBy(jql), token);
        const issues = page.issues.filter((i) => onQaBoard || !seenOnQaBoard.has(i.id));
        if (onQaBoard) for (const i of issues) seenOnQaBoard.add(i.id);
        // one query per page for the service's copies; only drifting tickets go on to a locked repair
        const known = await this.db.getRepository(TicketEntity).findBy({ jiraId: In(issues.map((i) => i.id)) });
        const byId = new Map(known.map((t) => [t.jiraId, t]));
        const drifting = issues.filter((issue) => {
          const seen = byId.get(issue.id) ?? null;
          return !((!seen && !onQaBoard) || (seen && driftOf(seen, issue).length === 0));
        });
        checked += issues.length;
        const current = await this.currentOf(drifting);
        const serviceDeskTickets = await this.serviceDeskTicketsOf(current.map((c) => c.issue));
        for (const { issue, readAt } of current) if (await this.repair(issue, onQaBoard, readAt, serviceDeskTickets)) repaired++;
        token = page.nextPageToken;
      } while (token);
    }
    const desk = await this.slaPriorities.repair();
    checked += desk.checked;
    repaired += desk.repaired;
    await this.db.transaction((m) =>
      this.audit.append(m, [{ type: 'reconcile.completed', at: this.clock.now(), data: { checked, repaired, drift: repaired } }]),
    );
    if (repaired) this.logger.log(`Reconciliation: ${checked} checked, ${repaired} repaired`);
    return { checked, repaired };
  }

  /**
   * The drifting issues as Jira has them now. A search hit may be stale: Jira's search index lags a
   * change "from a few seconds to minutes" (Atlassian, "Search after write with search and
   * reconcile"), and repairing from it would put back what a newer webhook already applied. Reading
   * the same issues again with all of them in `reconcileIssues` is consistent (50 a search, Jira's
   * limit); an issue deleted since (the search answers 400) is read alone, and left alone if gone.
   */
  private async currentOf(issues: JiraIssue[]): Promise<{ issue: JiraIssue; readAt: number }[]> {
    const out: { issue: JiraIssue; readAt: number }[] = [];
    for (let start = 0; start < issues.length; start += RECONCILE_MAX) {
      const ids = issues.slice(start, start + RECONCILE_MAX).map((i) => i.id);
      const readAt = this.clock.now().getTime();
      try {
        const page = await this.jira.search(`id in (${ids.join(',')})`, null, RECONCILE_MAX, { reconcileIssues: ids.map(Number) });
        out.push(...page.issues.map((issue) => ({ issue, readAt })));
      } catch (error) {
        if (!(error instanceof JiraError && error.status === 400)) throw error;
        for (const id of ids) {
          const at = this.clock.now().getTime();
          const issue = await this.jira.issue(id).catch(notFoundAsNull);
          if (issue) out.push({ issue, readAt: at });
        }
      }
    }
    return out;
  }

  /** The service desk tickets the page's bugs link to, in one search: link-back reads their priority. */
  private async serviceDeskTicketsOf(issues: JiraIssue[]): Promise<Map<string, JiraIssue>> {
    const prefix = `${this.config.serviceDeskProject}-`;
    const keys = [...new Set(issues.flatMap((i) => i.links.map((l) => l.otherKey)).filter((k) => k.startsWith(prefix)))];
    const found = new Map<string, JiraIssue>();
    for (let start = 0; start < keys.length; start += 100) {
      const page = await this.jira.search(`key in (${keys.slice(start, start + 100).join(',')})`, null, 100).catch(() => null);
      for (const ticket of page?.issues ?? []) found.set(ticket.key, ticket);
    }
    return found;
  }

  /** True when the ticket differed and was repaired. */
  private async repair(issue: JiraIssue, onQaBoard: boolean, readAt: number, serviceDeskTickets: Map<string, JiraIssue>): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    const orderKey = issueOrderKey(issue.id);
    try {
      await this.queue.hold(runner, orderKey);
      const known = await runner.manager.findOne(TicketEntity, { where: { jiraId: issue.id } });
      if ((!known && !onQaBoard) || driftOf(known, issue).length === 0) return false;
      const drift = driftOf(known, issue);
      // as if Jira had sent the webhook we missed; the mover is unknown, the assignee is the best guess
      const event: JiraEvent = {
        type: 'issue_changed',
        created: false,
        timestamp: readAt,
        actor: issue.assignee,
        issue,
        statusChange:
          known && known.statusId !== issue.statusId
            ? { fromId: known.statusId, toId: issue.statusId, fromName: known.statusName, toName: issue.statusName }
            : null,
        changedFields: drift,
      };
      // found through the QA/Operations board's own filter: no need to ask Jira whether it is on it
      const prepared = await this.reader.readOne(event, { onQaBoard, serviceDeskTickets });
      await runner.startTransaction();
      const tx = await this.decider.open(runner.manager, [prepared]);
      await this.decider.decide(tx, prepared);
      await tx.audit.record([{ type: 'reconcile.repaired', ticketKey: issue.key, at: this.clock.now(), data: { drift } }]);
      await this.decider.close(tx);
      await runner.commitTransaction();
      return true;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await this.queue.release(runner, [orderKey]).catch(() => undefined);
      await runner.release();
    }
  }
}
