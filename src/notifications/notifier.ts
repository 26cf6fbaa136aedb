import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { WakeChannel } from '../common/wake.channel.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { notificationBody } from './domain/notification.body.js';
import type { NotificationEvent } from './domain/notification-event.js';
import { NotificationEntity } from './persistence/notification.entity.js';

const WRITTEN = 'notificationsWritten';

/**
 * Writes notifications inside the caller's transaction (one row per event and URL) and never sends:
 * a decision only inserts rows; the worker is woken once that transaction commits.
 */
@Injectable()
export class Notifier implements OnModuleInit, EntitySubscriberInterface {
  private listener?: () => void;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly wakes: WakeChannel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.db.subscribers.push(this);
  }

  onWritten(listener: () => void): void {
    this.listener = listener;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown>;
    if (!data?.[WRITTEN]) return;
    data[WRITTEN] = false;
    this.listener?.();
  }

  /** A webhook the processor gave up on (its body as Jira sent it). */
  quarantined(
    m: EntityManager,
    webhookId: string,
    body: { webhookEvent?: unknown; issue?: { key?: unknown } | null },
    reason: string,
    now: Date,
  ): Promise<void> {
    const ticketKey = typeof body.issue?.key === 'string' ? body.issue.key : null;
    const webhookEvent = typeof body.webhookEvent === 'string' ? body.webhookEvent : null;
    return this.notify(m, [{ event: 'webhook_quarantined', ticketKey, webhookId, webhookEvent, reason }], now);
  }

  async notify(m: EntityManager, events: NotificationEvent[], now: Date): Promise<void> {
    const urls = this.config.notify.urls;
    if (urls.length === 0 || events.length === 0) return;
    const rows = events.flatMap((e) => {
      const eventId = randomUUID();
      const body = JSON.stringify(notificationBody(e, eventId, now));
      // due at the database's now(), not the service clock's: a clock set back (the demo) or ahead must not delay it
      return urls.map((url) => ({
        eventId,
        url,
        event: e.event,
        ticketKey: e.ticketKey,
        body,
        status: 'pending' as const,
        attempts: 0,
        nextAttemptAt: () => 'now()',
        createdAt: now,
      }));
    });
    await m.createQueryBuilder().insert().into(NotificationEntity).values(rows).execute();
    await this.wakes.notify(m, 'notifications');
    const runner = m.queryRunner;
    if (runner?.isTransactionActive) (runner.data as Record<string, unknown>)[WRITTEN] = true;
    else this.listener?.();
  }
}
