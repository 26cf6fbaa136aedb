import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { BoardDiscovery } from './board-discovery.service.js';
import type { BoardLayout } from './board-layout.js';
import { JiraError } from './jira.errors.js';
import { JiraGateway } from './jira.gateway.js';
import type { JiraIssue } from './jira.types.js';
import { RecentChanges } from './recent-changes.js';

/**
 * Ready for sprint, top first, as a decision may take it: Jira's list by Rank over the QA/Operations
 * board's filter, searched with the tickets changed lately reconciled (Jira's search index lags), less
 * the tickets the service already decided to move away whose move is still in the outbox (Jira still
 * has them in Ready, but they are taken: picking one again would decide twice) and the tickets
 * deleted lately (a lagging search still lists them).
 */
@Injectable()
export class ReadyForSprint {
  private readonly logger = new Logger('ReadyForSprint');
  constructor(
    private readonly jira: JiraGateway,
    private readonly boards: BoardDiscovery,
    private readonly recent: RecentChanges,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async ranked(): Promise<JiraIssue[]> {
    const layout = await this.boards.requireLayout();
    return this.inStatuses(layout.ready, layout);
  }

  /** The QA/Operations board's tickets in these statuses, by Rank, read the same way (the queue view: Triage and Ready). */
  async inStatuses(statusIds: string[], known?: BoardLayout): Promise<JiraIssue[]> {
    const jira = this.config.jira;
    if (!jira) throw new Error('Jira is not configured');
    const layout = known ?? (await this.boards.requireLayout());
    const [reconcileIssues, taken, deleted] = await Promise.all([
      this.recent.issueIds(),
      this.recent.pendingMovesAwayFrom(statusIds),
      this.recent.deletedKeys(),
    ]);
    const inStatuses = `status in (${statusIds.join(',')})`;
    const listed = layout.qaFilterJql
      ? await this.searchAll(`(${layout.qaFilterJql}) AND ${inStatuses} ORDER BY Rank ASC`, layout.rankFieldId, reconcileIssues)
      : await this.jira.boardIssues(jira.qaOpsBoardId, inStatuses, [layout.rankFieldId]);
    return listed.filter((i) => !taken.has(i.key) && !deleted.has(i.key));
  }

  private async searchAll(jql: string, rankFieldId: string, reconcileIssues: number[]): Promise<JiraIssue[]> {
    try {
      return await this.pages(jql, rankFieldId, reconcileIssues);
    } catch (error) {
      // "All issues must exist": a ticket deleted in Jira since makes the whole search a 400. Never
      // search unreconciled (a stale list could hand out a taken ticket): drop the deleted ones, again.
      if (!(error instanceof JiraError && error.status === 400 && reconcileIssues.length > 0)) throw error;
      const existing = await this.recent.existing(reconcileIssues);
      if (existing.length === reconcileIssues.length) throw error;
      this.logger.warn(`Ready for sprint: ${reconcileIssues.length - existing.length} recently changed issue(s) no longer exist in Jira`);
      return this.pages(jql, rankFieldId, existing);
    }
  }

  private async pages(jql: string, rankFieldId: string, reconcileIssues: number[]): Promise<JiraIssue[]> {
    const out: JiraIssue[] = [];
    let token: string | null = null;
    do {
      const page = await this.jira.search(jql, token, 100, { extraFields: [rankFieldId], reconcileIssues });
      out.push(...page.issues);
      token = page.nextPageToken;
    } while (token);
    return out;
  }
}
