import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { orderKeyOf } from '../jira/events/jira-event.mapper.js';
import { WebhookProcessor } from './webhook.processor.js';

/** Stores a webhook durably (deduplicated) before the 202; processing happens after the commit. */
@Injectable()
export class InboxService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly processor: WebhookProcessor,
    private readonly clock: Clock,
  ) {}

  async accept(body: Record<string, unknown>, rawBody: Buffer, identifier: string | undefined): Promise<{ duplicate: boolean }> {
    const dedupeKey = identifier ? `id:${identifier}` : `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
    const timestamp = Number(body.timestamp);
    const rows: unknown[] = await this.db.query(
      `INSERT INTO webhook_event (dedupe_key, event_type, order_key, jira_timestamp, body, received_at, status, attempts, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $6)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [dedupeKey, String(body.webhookEvent), orderKeyOf(body), Number.isFinite(timestamp) && timestamp > 0 ? Math.trunc(timestamp) : 0, body, this.clock.now()],
    );
    const duplicate = rows.length === 0;
    if (!duplicate) this.processor.wake();
    return { duplicate };
  }
}
