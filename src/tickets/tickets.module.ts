import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { TicketQuery } from './ticket.query.js';
import { TicketTracker } from './ticket.tracker.js';
import { TicketsController } from './tickets.controller.js';

@Module({
  imports: [WebhooksModule],
  controllers: [TicketsController],
  providers: [TicketTracker, TicketQuery],
  exports: [TicketTracker, TicketQuery],
})
export class TicketsModule {}
