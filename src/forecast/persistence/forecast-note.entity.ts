import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last forecast written to a ticket's JSM ticket: the next is written only when p85 moved, at most once a day. */
@Entity('forecast_note')
export class ForecastNoteEntity {
  @PrimaryColumn('text', { name: 'bug_key' }) bugKey: string;
  @Column('text', { name: 'service_desk_key' }) serviceDeskKey: string;
  @Column('timestamptz') p85: Date;
  @Column('timestamptz', { name: 'noted_at' }) notedAt: Date;
}
