import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReleaseReason } from '../domain/flow.types.js';

@Entity('slot_occupancy')
export class SlotOccupancyEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('text') track: string;
  @Column('text', { name: 'ticket_key' }) ticketKey: string;
  @Column('timestamptz', { name: 'picked_up_at' }) pickedUpAt: Date;
  @Column('text', { name: 'picked_up_by' }) pickedUpBy: string;
  @Column('text') via: string;
  @Column('timestamptz', { name: 'released_at', nullable: true }) releasedAt: Date | null;
  @Column('text', { name: 'release_reason', nullable: true }) releaseReason: ReleaseReason | null;
  @Column('text', { name: 'release_cause', nullable: true }) releaseCause: string | null;
  @Column('text', { name: 'released_by', nullable: true }) releasedBy: string | null;
}
