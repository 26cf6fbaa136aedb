import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { toJiraChangeView } from '../jira/outbox/jira-change.view.js';
import { JiraChangesRepository } from './persistence/jira-changes.repository.js';

const LIMIT = 50;

/** What the dashboard needs beyond the other read APIs: where Jira is, and the Jira changes not made yet. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly changes: JiraChangesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async overview() {
    const [pending, failed] = await Promise.all([this.changes.open(LIMIT), this.changes.failed(LIMIT)]);
    return {
      jiraBaseUrl: this.config.jira?.baseUrl ?? null,
      releaseEnvironment: this.config.releaseEnvironment,
      jiraChanges: { pending: pending.map(toJiraChangeView), failed: failed.map(toJiraChangeView) },
    };
  }
}
