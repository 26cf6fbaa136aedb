import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { KnownBoards } from '../jira/known-boards.js';
import { toJiraChangeView } from '../jira/outbox/jira-change.view.js';
import { JiraChangesRepository } from './persistence/jira-changes.repository.js';

const LIMIT = 50;

/** What the dashboard needs beyond the other read APIs: where Jira is, and the Jira changes not made yet. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly changes: JiraChangesRepository,
    private readonly boards: KnownBoards,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private view(c: Parameters<typeof toJiraChangeView>[0]) {
    return toJiraChangeView(c, (id) => this.boards.statusName(id));
  }

  async overview() {
    const [pending, failed] = await Promise.all([this.changes.open(LIMIT), this.changes.failed(LIMIT)]);
    return {
      jiraBaseUrl: this.config.jira?.baseUrl ?? null,
      releaseEnvironment: this.config.releaseEnvironment,
      jiraChanges: { pending: pending.map((c) => this.view(c)), failed: failed.map((c) => this.view(c)) },
    };
  }
}
