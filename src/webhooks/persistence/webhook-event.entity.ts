import type { Lane, WebhookBody } from '../../jira/events/jira-event.mapper.js';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type InboxStatus = 'pending' | 'processed' | 'quarantined' | 'ignored';

/** Every accepted webhook, stored before the 2xx; processed once, in Jira's order per issue. */
@Entity('webhook_event')
export class WebhookEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('text', { name: 'dedupe_key', unique: true }) dedupeKey: string;
  @Column('text', { name: 'event_type' }) eventType: string;
  @Column('text', { name: 'order_key' }) orderKey: string;
  @Column('bigint', { name: 'jira_timestamp' }) jiraTimestamp: string;
  @Column('jsonb') body: WebhookBody;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;
  @Column('text') status: InboxStatus;
  /** LANE.fast (1) is claimed before LANE.slow (0) */
  @Column('smallint') lane: Lane;
  @Column('int') attempts: number;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt: Date;
  @Column('text', { nullable: true }) error: string | null;
  @Column('timestamptz', { name: 'processed_at', nullable: true }) processedAt: Date | null;
}
