import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { scheduleEvery } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { BoardLayout } from './board-layout.js';
import { JiraGateway } from './jira.gateway.js';
import type { BoardColumn } from './jira.types.js';
import { KnownBoards } from './known-boards.js';

export class BoardConfigurationError extends Error {}

const JOB = 'board-refresh';

/** Reads both boards' column configuration and the active sprint; refreshes on a schedule. */
@Injectable()
export class BoardDiscovery implements OnApplicationBootstrap {
  private readonly logger = new Logger('BoardDiscovery');
  private lastError: string | null = null;

  constructor(
    private readonly jira: JiraGateway,
    private readonly known: KnownBoards,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.jira.configured) return;
    try {
      await this.refresh();
    } catch (error) {
      if (error instanceof BoardConfigurationError) throw error; // a wrong column name stops the start
      this.logger.warn(`Jira not reachable at start (${(error as Error).message}); retrying every ${this.config.boardRefreshSeconds}s`);
    }
    scheduleEvery(this.scheduler, JOB, this.config.boardRefreshSeconds, () => this.refresh(), this.logger, 'Board refresh failed');
  }

  layout(): BoardLayout | null {
    return this.known.layout();
  }

  status(): { ok: boolean; error: string | null } {
    return { ok: this.lastError === null && this.known.layout() !== null, error: this.lastError };
  }

  async requireLayout(): Promise<BoardLayout> {
    return this.known.layout() ?? (await this.refresh());
  }

  async refresh(): Promise<BoardLayout> {
    const jira = this.config.jira;
    if (!jira) throw new Error('Jira is not configured');
    try {
      const qaBoard = this.jira.boardConfiguration(jira.qaOpsBoardId);
      const [me, qa, sprintBoard, activeSprint, qaFilterJql] = await Promise.all([
        this.jira.myself(),
        qaBoard,
        this.jira.boardConfiguration(jira.sprintBoardId),
        this.jira.activeSprint(jira.sprintBoardId),
        qaBoard.then((board) => this.jira.filterJql(board)), // its filter, from the configuration read for its columns
      ]);
      const { columns } = this.config;
      const triage = pick(qa.name, jira.qaOpsBoardId, qa.columns, columns.triage, 'TRIAGE_COLUMN');
      const ready = pick(qa.name, jira.qaOpsBoardId, qa.columns, columns.ready, 'READY_COLUMN');
      const inProgress = pick(sprintBoard.name, jira.sprintBoardId, sprintBoard.columns, columns.inProgress, 'IN_PROGRESS_COLUMN');
      const named = (ids: string[], name: string) => ids.map((id) => [id, name] as const);
      const layout: BoardLayout = {
        triage,
        ready,
        inProgress,
        statusNames: Object.fromEntries([...named(triage, columns.triage), ...named(ready, columns.ready), ...named(inProgress, columns.inProgress)]),
        rankFieldId: qa.rankFieldId,
        qaFilterJql: withoutOrderBy(qaFilterJql),
        activeSprint,
        refreshedAt: new Date(),
      };
      this.known.learned(layout, me.accountId);
      this.lastError = null;
      return layout;
    } catch (error) {
      this.lastError = (error as Error).message;
      throw error;
    }
  }
}

function pick(boardName: string, boardId: number, columns: BoardColumn[], wanted: string, variable: string): string[] {
  const found = columns.find((c) => c.name.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (!found) {
    throw new BoardConfigurationError(
      `${variable}: the board "${boardName}" (${boardId}) has no column "${wanted}"; its columns are: ${columns.map((c) => `"${c.name}"`).join(', ')}`,
    );
  }
  return found.statusIds;
}

/** A filter's ORDER BY sorts; combined with other clauses it has to go. */
export function withoutOrderBy(jql: string): string {
  return jql.replace(/\s*\border\s+by\b.*$/is, '').trim();
}
