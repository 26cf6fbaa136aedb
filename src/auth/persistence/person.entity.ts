import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../domain/role.js';

/** One person on the roster: who may sign in, with which role and Jira account. */
@Entity('person')
export class PersonEntity {
  /** lower case */
  @PrimaryColumn('text') email: string;
  @Column('text') role: Role;
  @Column('text', { name: 'account_id', nullable: true }) accountId: string | null;
  /** the tracks the person works on (null: every track) */
  @Column('text', { array: true, nullable: true }) tracks: string[] | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  /** the admin (person behind the call) who last set this entry */
  @Column('text', { name: 'updated_by' }) updatedBy: string;
}
