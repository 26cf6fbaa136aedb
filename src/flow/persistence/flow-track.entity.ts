import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The row every flow decision locks; the rota's state (sprint, rotation) is the rota's (rota_state). */
@Entity('flow_track')
export class FlowTrackEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { array: true }) flagged: string[];
}
