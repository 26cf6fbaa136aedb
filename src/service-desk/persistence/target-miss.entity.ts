import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A 3rd-line target missed (bug and kind), written once when found. */
@Entity('target_miss')
export class TargetMissEntity {
  @PrimaryColumn('text', { name: 'bug_key' }) bugKey: string;
  @PrimaryColumn('text') kind: 'response' | 'resolution';
  @Column('text', { name: 'service_desk_key' }) serviceDeskKey: string;
  @Column('text') priority: string;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('timestamptz', { name: 'detected_at' }) detectedAt: Date;
}
