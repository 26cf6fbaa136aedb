import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DataFixStatus } from '../domain/data-fix.types.js';

/** The current state of a fix; its history is in data_fix_step. */
@Entity('data_fix')
export class DataFixEntity {
  @PrimaryGeneratedColumn({ type: 'int' }) id: number;
  @Column('text', { name: 'ticket_key' }) ticketKey: string;
  @Column('text') author: string;
  @Column('text') purpose: string;
  @Column('text') sql: string;
  @Column('text') sha256: string;
  @Column('text') state: DataFixStatus;
  @Column('boolean') flagged: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
