import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One warning per 3rd-line target (bug and kind), written when SLA_WARN_AT of it had passed. */
@Entity('target_warning')
export class TargetWarningEntity {
  @PrimaryColumn('text', { name: 'bug_key' }) bugKey: string;
  @PrimaryColumn('text') kind: 'response' | 'resolution';
  @Column('text', { name: 'service_desk_key' }) serviceDeskKey: string;
  @Column('text') priority: string;
  @Column('timestamptz', { name: 'warn_at' }) warnAt: Date;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('timestamptz', { name: 'detected_at' }) detectedAt: Date;
}
