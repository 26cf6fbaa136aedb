import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: rows are inserted, never updated or deleted. */
@Entity('audit_event')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('timestamptz') at: Date;
  @Column('text') type: string;
  @Column('text', { name: 'ticket_key', nullable: true }) ticketKey: string | null;
  @Column('text', { nullable: true }) actor: string | null;
  @Column('jsonb', { default: {} }) data: Record<string, unknown>;
}
