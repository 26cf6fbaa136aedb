import { Module } from '@nestjs/common';
import { BoardMembership } from './board-membership.reader.js';
import { TicketRepository } from './persistence/ticket.repository.js';
import { TicketQuery } from './ticket.query.js';
import { TicketTracker } from './ticket.tracker.js';
import { TicketsController } from './tickets.controller.js';

@Module({
  controllers: [TicketsController],
  providers: [TicketTracker, TicketQuery, TicketRepository, BoardMembership],
  exports: [TicketTracker, TicketQuery, BoardMembership],
})
export class TicketsModule {}
