import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DataFixStep } from '../domain/data-fix.types.js';

/** Append-only: one row per accepted step, `seq` its place in the fix's history. */
@Entity('data_fix_step')
export class DataFixStepEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('int', { name: 'data_fix_id' }) dataFixId: number;
  @Column('int') seq: number;
  @Column('text') kind: DataFixStep['kind'];
  @Column('text') person: string;
  @Column('text') sha256: string;
  @Column('timestamptz') at: Date;
  @Column('jsonb') details: Record<string, string | number | boolean>;
}
