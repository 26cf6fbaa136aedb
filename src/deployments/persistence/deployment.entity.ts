import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('deployment')
export class DeploymentEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') environment: string;
  @Column('text') status: string;
  @Column('text', { name: 'issue_keys', array: true }) issueKeys: string[];
  @Column('text', { array: true }) released: string[];
  @Column('text') source: string;
  @Column('text', { nullable: true }) url: string | null;
  @Column('text', { name: 'environment_type', nullable: true }) environmentType: string | null;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;
}
