import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { describeCommand } from '../jira/outbox/jira-command.js';
import type { JiraCommandEntity } from '../jira/persistence/jira-command.entity.js';
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
      jiraChanges: { pending: pending.map(view), failed: failed.map(view) },
    };
  }
}

function view(c: JiraCommandEntity) {
  return { id: Number(c.id), ticketKey: c.orderingKey, change: describeCommand(c.payload), kind: c.kind, status: c.status, attempts: c.attempts, error: c.lastError, createdAt: c.createdAt };
}
