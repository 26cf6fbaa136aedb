import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { BoardDiscovery } from '../jira/board-discovery.service.js';
import { JiraError } from '../jira/jira.errors.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import type { JiraIssue } from '../jira/jira.types.js';

/**
 * Whether an issue is a 3rd-line ticket: the QA/Operations board's own filter decides, whatever the
 * issue's status (a board lists only statuses mapped to its columns, the filter matches them all).
 */
@Injectable()
export class BoardMembership {
  constructor(
    private readonly jira: JiraGateway,
    private readonly boards: BoardDiscovery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async isThirdLine(issue: JiraIssue): Promise<boolean> {
    if (!this.config.jira || issue.projectKey === this.config.serviceDeskProject) return false;
    const { qaFilterJql } = await this.boards.requireLayout();
    const jql = qaFilterJql ? `(${qaFilterJql}) AND key = ${issue.key}` : `key = ${issue.key}`;
    // reconcileIssues: Jira's search index may not have the newest change of this very issue yet
    try {
      return (await this.jira.matchingIds(jql, 1, [Number(issue.id)].filter(Number.isFinite))).length > 0;
    } catch (error) {
      // Jira answers 400 for a key it no longer has (the issue was deleted since): not on the board
      if (error instanceof JiraError && error.status === 400) return false;
      throw error;
    }
  }
}
