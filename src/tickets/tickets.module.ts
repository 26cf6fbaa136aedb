import { Module } from '@nestjs/common';
import { BoardMembership } from './board-membership.reader.js';
import { TicketRepository } from './persistence/ticket.repository.js';
import { TicketTracker } from './ticket.tracker.js';

/** The service's copy of each 3rd-line ticket, kept from webhooks and reads of Jira. */
@Module({
  providers: [TicketTracker, TicketRepository, BoardMembership],
  exports: [TicketTracker, BoardMembership],
})
export class TicketsModule {}
