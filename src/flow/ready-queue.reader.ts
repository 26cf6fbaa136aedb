import { Injectable } from '@nestjs/common';
import { BoardDiscovery } from '../jira/board-discovery.service.js';
import { rankOf } from '../jira/issue.mapper.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import { ReadyForSprint } from '../jira/ready-for-sprint.js';
import type { JiraIssue } from '../jira/jira.types.js';
import { outranking } from './domain/pick-up-order.js';

/** Ready for sprint for the flow's decisions: ranked, taken tickets left out (see ReadyForSprint). */
@Injectable()
export class ReadyQueueReader {
  constructor(
    private readonly jira: JiraGateway,
    private readonly boards: BoardDiscovery,
    private readonly ready: ReadyForSprint,
  ) {}

  ranked(): Promise<JiraIssue[]> {
    return this.ready.ranked();
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
