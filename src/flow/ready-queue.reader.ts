import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { BoardDiscovery } from '../jira/board-discovery.service.js';
import { rankOf } from '../jira/issue.mapper.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import type { JiraIssue } from '../jira/jira.types.js';
import { outranking } from './domain/pick-up-order.js';

/** Ready for sprint as Jira has it now: board order is rank order. */
@Injectable()
export class ReadyQueueReader {
  constructor(
    private readonly jira: JiraGateway,
    private readonly boards: BoardDiscovery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  ranked(): Promise<JiraIssue[]> {
    return this.boards.readyIssues();
  }

  /**
   * The tickets still in Ready for sprint that outrank `moved`, by the Rank field (as the move's
   * snapshot carries it; read from Jira if it does not). A board whose columns do not map In Progress
   * no longer lists the moved ticket, so its position on the board cannot be the test.
   */
  async outranking(moved: JiraIssue): Promise<string[]> {
    const { rankFieldId } = await this.boards.requireLayout();
    const rank = rankOf(moved, rankFieldId) ?? rankOf(await this.jira.issue(moved.key, [rankFieldId]), rankFieldId);
    const ready = await this.ranked();
    return outranking(
      moved.key,
      rank,
      ready.map((i) => ({ key: i.key, rank: rankOf(i, rankFieldId) })),
    );
  }
}
