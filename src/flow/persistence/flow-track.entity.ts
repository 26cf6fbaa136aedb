import { Column, Entity, PrimaryColumn } from 'typeorm';

export const TRACK = '3rd-line';

@Entity('flow_track')
export class FlowTrackEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { array: true }) flagged: string[];
  @Column('int', { name: 'active_sprint_id', nullable: true }) activeSprintId: number | null;
  @Column('text', { array: true }) rotation: string[];
  @Column('int', { name: 'rotation_index' }) rotationIndex: number;
  /** Jira time of the newest sprint_started applied: an older one is stale */
  @Column('bigint', { name: 'sprint_started_at', nullable: true }) sprintStartedAt: string | null;
}
