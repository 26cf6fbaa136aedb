import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { JiraEvent } from '../jira/events/jira-event.js';
import { OutboxWriter } from '../jira/outbox/outbox.writer.js';

/** Optional (AUTO_ESCALATE_BUGS): a JSM ticket re-typed to the triage issue type escalates itself, through the outbox. */
@Injectable()
export class AutoEscalation {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  mayEscalate(event: Extract<JiraEvent, { type: 'issue_changed' }>): boolean {
    return (
      this.config.serviceDesk.autoEscalateBugs &&
      event.changedFields.includes('issuetype') &&
      event.issue.issueType.toLowerCase() === this.config.triageIssueType.toLowerCase()
    );
  }

  async consider(m: EntityManager, event: Extract<JiraEvent, { type: 'issue_changed' }>): Promise<void> {
    if (!this.mayEscalate(event)) return;
    await this.outbox.enqueue(m, [{ kind: 'escalate', key: event.issue.key }], 'auto_escalation', this.clock.now());
  }
}
