import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('rota_assignment')
export class RotaAssignmentEntity {
  @PrimaryColumn('int', { name: 'sprint_id' }) sprintId: number;
  @Column('text', { name: 'account_id' }) accountId: string;
  @Column('timestamptz', { name: 'assigned_at' }) assignedAt: Date;
}
