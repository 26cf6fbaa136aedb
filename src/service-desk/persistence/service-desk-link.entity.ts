import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('service_desk_link')
export class ServiceDeskLinkEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('text', { name: 'service_desk_key' }) serviceDeskKey: string;
  @Column('text', { name: 'bug_key', nullable: true }) bugKey: string | null;
  @Column('text') via: 'escalation' | 'link_back';
  @Column('text') state: 'creating' | 'linked';
  @Column('text', { name: 'reported_priority', nullable: true }) reportedPriority: string | null;
  @Column('text', { name: 'effective_priority', nullable: true }) effectivePriority: string | null;
  @Column('text', { name: 'priority_reason', nullable: true }) priorityReason: string | null;
  @Column('text', { nullable: true }) environment: string | null;
  @Column('timestamptz', { name: 'started_at' }) startedAt: Date;
  @Column('timestamptz', { name: 'responded_at', nullable: true }) respondedAt: Date | null;
  @Column('timestamptz', { name: 'resolved_at', nullable: true }) resolvedAt: Date | null;
}
