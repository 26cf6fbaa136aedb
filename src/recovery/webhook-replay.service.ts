import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { type Identity, personOf } from '../auth/domain/role.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain.error.js';
import { WebhookProcessor } from '../webhooks/webhook.processor.js';
import { replayCheck } from './domain/recovery.rules.js';
import { RecoveryRepository, type StoredWebhook } from './persistence/recovery.repository.js';

const LIST_LIMIT = 500;

export interface QuarantinedWebhookView {
  id: number;
  event: string;
  /** the issue key the event carries (link events carry issue ids only: null) */
  issue: string | null;
  reason: string | null;
  attempts: number;
  received: Date;
  quarantinedAt: Date | null;
  /** Jira's time of the event (its `timestamp`), ISO; null when it had none */
  jiraTimestamp: string | null;
}

/**
 * A replay puts a quarantined webhook back in the inbox as pending: the processor applies it like any
 * other, once (its row lock), after the older pending events of the same issue; the ticket tracker
 * ignores the status of an event older than the one it applied, so a late replay never undoes newer state.
 */
@Injectable()
export class WebhookReplayService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: RecoveryRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly processor: WebhookProcessor,
  ) {}

  async quarantined(): Promise<QuarantinedWebhookView[]> {
    return (await this.repo.quarantined(this.db.manager, LIST_LIMIT)).map(toView);
  }

  async replay(id: string, by: Identity): Promise<QuarantinedWebhookView & { status: 'pending' }> {
    const view = await this.db.transaction(async (m) => {
      const webhook = await this.repo.lockWebhook(m, id);
      if (!webhook) throw new DomainError('not_found', `There is no stored webhook ${id}`);
      const newer = webhook.orderKey === 'sprints' && webhook.status === 'quarantined' ? await this.repo.newerAppliedInOrder(m, webhook) : null;
      const check = replayCheck(webhook, newer);
      if (!check.ok) throw new DomainError(check.code, check.message, { status: webhook.status });
      await this.repo.requeueWebhook(m, webhook.id);
      await this.audit.append(m, [
        {
          type: 'webhook.replayed',
          ticketKey: webhook.issueKey,
          actor: personOf(by),
          at: this.clock.now(),
          data: { webhookId: webhook.id, webhookEvent: webhook.eventType, previousReason: webhook.error, previousAttempts: webhook.attempts },
        },
      ]);
      return { ...toView(webhook), status: 'pending' as const };
    });
    this.processor.wake();
    return view;
  }
}

function toView(w: StoredWebhook): QuarantinedWebhookView {
  const ts = Number(w.jiraTimestamp);
  return {
    id: Number(w.id),
    event: w.eventType,
    issue: w.issueKey,
    reason: w.error,
    attempts: w.attempts,
    received: w.receivedAt,
    quarantinedAt: w.processedAt,
    jiraTimestamp: ts > 0 ? new Date(ts).toISOString() : null,
  };
}
