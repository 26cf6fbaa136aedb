import { Module } from '@nestjs/common';
import { TicketQuery } from './ticket.query.js';
import { TicketsController } from './tickets.controller.js';

/** GET /api/tickets/{key}: a read of everything the service holds on a ticket, across the features (above them all). */
@Module({
  controllers: [TicketsController],
  providers: [TicketQuery],
})
export class TicketViewModule {}
