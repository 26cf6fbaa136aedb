import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Column as BoardColumn } from '../../jira/board-layout.js';
import type { JiraIssueLink } from '../../jira/jira.types.js';

/** A 3rd-line ticket the service tracks, as last learned from Jira (webhooks, board reads, reconcile). */
@Entity('ticket')
export class TicketEntity {
  @PrimaryColumn('text') key: string;
  @Column('text', { name: 'jira_id', unique: true }) jiraId: string;
  @Column('text') summary: string;
  @Column('text', { name: 'status_id' }) statusId: string;
  @Column('text', { name: 'status_name' }) statusName: string;
  @Column('text', { name: 'board_column' }) column: BoardColumn;
  @Column('text', { nullable: true }) assignee: string | null;
  @Column('text', { array: true }) labels: string[];
  @Column('text', { nullable: true }) priority: string | null;
  @Column('text', { nullable: true }) resolution: string | null;
  @Column('jsonb') links: JiraIssueLink[];
  @Column('int', { name: 'sprint_ids', array: true }) sprintIds: number[];
  /** Jira timestamp (ms) of the newest status information applied: an older event never overrides it */
  @Column('bigint', { name: 'status_at' }) statusAt: string;
  @Column('bigint', { name: 'fields_at' }) fieldsAt: string;
  @Column('bigint', { name: 'links_at' }) linksAt: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
