import { Column, Entity, PrimaryColumn } from 'typeorm';

export const TRACK = '3rd-line';

@Entity('flow_track')
export class FlowTrackEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { array: true }) flagged: string[];
  @Column('int', { name: 'active_sprint_id', nullable: true }) activeSprintId: number | null;
  @Column('text', { array: true }) rotation: string[];
  @Column('int', { name: 'rotation_index' }) rotationIndex: number;
}
