import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { GroupCommit } from '../common/group-commit.js';
import { WakeChannel } from '../common/wake.channel.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { decidesNothing, LANE, laneOf, orderKeyOf, type Lane, type WebhookBody } from '../jira/events/jira-event.mapper.js';
import { WebhookProcessor } from './webhook.processor.js';

interface Incoming {
  dedupeKey: string;
  eventType: string;
  orderKey: string;
  timestamp: number;
  /** the body as Jira sent it: stored as jsonb without serialising the parsed object again */
  json: string;
  lane: Lane;
  /** 'ignored': it can decide nothing, it is stored but never applied */
  status: 'pending' | 'ignored';
}

/**
 * Stores a webhook durably (deduplicated) before the 202; processing happens after the commit. The
 * webhooks arriving within 2 ms are stored with one statement and one commit (group commit).
 */
@Injectable()
export class InboxService {
  private readonly group = new GroupCommit<Incoming, boolean>((items) => this.store(items));

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly processor: WebhookProcessor,
    private readonly clock: Clock,
    private readonly wakes: WakeChannel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async accept(body: WebhookBody, rawBody: Buffer, identifier: string | undefined): Promise<{ duplicate: boolean }> {
    const dedupeKey = identifier ? `id:${identifier}` : `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
    const timestamp = Number(body.timestamp);
    const text = rawBody.toString('utf8');
    const stored = await this.group.add({
      dedupeKey,
      eventType: String(body.webhookEvent),
      orderKey: orderKeyOf(body),
      timestamp: Number.isFinite(timestamp) && timestamp > 0 ? Math.trunc(timestamp) : 0,
      json: text.charCodeAt(0) === 0xfeff ? JSON.stringify(body) : text,
      lane: laneOf(body, this.config.serviceDeskProject),
      status: decidesNothing(body, { serviceDeskProject: this.config.serviceDeskProject, autoEscalate: this.config.serviceDesk.autoEscalateBugs })
        ? 'ignored'
        : 'pending',
    });
    return { duplicate: !stored };
  }

  /** true per item when it was stored now (false: a repeat of one stored before, or earlier in the batch) */
  private async store(items: Incoming[]): Promise<(boolean | Error)[]> {
    // an issue with an event that can change the flow has all its waiting events in the fast lane: its order is kept
    const fastKeys = new Set(items.filter((i) => i.lane === LANE.fast).map((i) => i.orderKey));
    const rows = items.map((i) => ({ ...i, lane: fastKeys.has(i.orderKey) ? LANE.fast : i.lane }));
    const inserted = new Set<string>();
    const toApply = new Set(rows.filter((r) => r.status === 'pending').map((r) => r.dedupeKey));
    const failed = new Map<string, Error>();
    try {
      for (const key of await this.insert(rows)) inserted.add(key);
    } catch (error) {
      if (rows.length === 1) throw error;
      for (const row of rows) {
        // one bad row must not fail the others: store them one by one
        try {
          for (const key of await this.insert([row])) inserted.add(key);
        } catch (rowError) {
          failed.set(row.dedupeKey, rowError as Error);
        }
      }
    }
    if ([...inserted].some((k) => toApply.has(k))) {
      this.processor.wake();
      await this.wakes.notify(this.db, 'webhooks');
    }
    const answered = new Set<string>();
    return rows.map((r) => {
      const error = failed.get(r.dedupeKey);
      if (error) return error;
      const fresh = inserted.has(r.dedupeKey) && !answered.has(r.dedupeKey);
      answered.add(r.dedupeKey);
      return fresh;
    });
  }

  private async insert(rows: Incoming[]): Promise<Set<string>> {
    const result: { dedupe_key: string }[] = await this.db.query(
      `WITH incoming AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::smallint[], $8::text[])
           AS t(dedupe_key, event_type, order_key, jira_timestamp, body, lane, status)
       ), stored AS (
         INSERT INTO webhook_event (dedupe_key, event_type, order_key, jira_timestamp, body, received_at, status, attempts, next_attempt_at, lane)
         SELECT dedupe_key, event_type, order_key, jira_timestamp, body::jsonb, $7, status, 0, $7, lane FROM incoming
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key, order_key, lane
       ), fast AS (
         UPDATE webhook_event w SET lane = 1 FROM (SELECT DISTINCT order_key FROM stored WHERE lane = 1) s
         WHERE w.order_key = s.order_key AND w.status = 'pending' AND w.lane = 0
       )
       SELECT dedupe_key FROM stored`,
      [
        rows.map((r) => r.dedupeKey),
        rows.map((r) => r.eventType),
        rows.map((r) => r.orderKey),
        rows.map((r) => r.timestamp),
        rows.map((r) => r.json),
        rows.map((r) => r.lane),
        this.clock.now(),
        rows.map((r) => r.status),
      ],
    );
    return new Set(result.map((r) => r.dedupe_key));
  }
}
