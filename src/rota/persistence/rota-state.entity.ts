import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The rota of the track: which sprint is active and whose turn the rotation gives. Rota changes lock this row. */
@Entity('rota_state')
export class RotaStateEntity {
  @PrimaryColumn('text') id: string;
  @Column('int', { name: 'active_sprint_id', nullable: true }) activeSprintId: number | null;
  @Column('text', { array: true }) rotation: string[];
  @Column('int', { name: 'rotation_index' }) rotationIndex: number;
  /** Jira time of the newest sprint_started applied: an older one is stale */
  @Column('bigint', { name: 'sprint_started_at', nullable: true }) sprintStartedAt: string | null;
}
