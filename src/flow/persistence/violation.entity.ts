import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('violation')
export class ViolationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('text', { name: 'ticket_key' }) ticketKey: string;
  @Column('text') rule: string;
  @Column('text') remedy: string;
  @Column('text', { name: 'actor_account_id', nullable: true }) actorAccountId: string | null;
  @Column('timestamptz') at: Date;
}
