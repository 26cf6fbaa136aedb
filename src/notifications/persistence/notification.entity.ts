import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One event for one URL; rows of a URL are sent in id order. */
@Entity('notification')
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid', { name: 'event_id' }) eventId: string;
  @Column('text') url: string;
  @Column('text') event: string;
  @Column('text', { name: 'ticket_key', nullable: true }) ticketKey: string | null;
  /** the exact bytes sent and signed */
  @Column('text') body: string;
  @Column('text') status: 'pending' | 'done' | 'failed';
  @Column('int') attempts: number;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt: Date;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
}
