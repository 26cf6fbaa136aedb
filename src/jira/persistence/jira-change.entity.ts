import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ChangeStatus, JiraChange } from '../outbox/jira-change.js';

@Entity('jira_change')
export class JiraChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  /** commands of one issue are sent in id order */
  @Column('text', { name: 'ordering_key' }) orderingKey: string;
  @Column('text') kind: string;
  @Column('jsonb') payload: JiraChange;
  @Column('text') status: ChangeStatus;
  @Column('int') attempts: number;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt: Date;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @Column('text', { nullable: true }) outcome: string | null;
  @Column('text', { nullable: true }) cause: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
  /** when it was first sent to Jira (kept across an operator's retry): later attempts find out first whether Jira has it */
  @Column('timestamptz', { name: 'first_attempt_at', nullable: true }) firstAttemptAt: Date | null;
  /** the issue it chose when sent (the nudge's ticket), recorded before writing there: a retry looks there first */
  @Column('text', { name: 'sent_to', nullable: true }) sentTo: string | null;
  /** why an operator abandoned the failed change (status 'abandoned') */
  @Column('text', { name: 'abandon_reason', nullable: true }) abandonReason: string | null;
}
