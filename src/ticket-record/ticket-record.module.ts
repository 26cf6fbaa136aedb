import { Module } from '@nestjs/common';
import { ServiceDeskModule } from '../service-desk/service-desk.module.js';
import { TicketRecordQuery } from './ticket-record.query.js';
import { TicketRecordController } from './ticket-record.controller.js';

/** GET /api/tickets/{key}: a read of everything the service holds on a ticket, across the features (above them all). */
@Module({
  imports: [ServiceDeskModule],
  controllers: [TicketRecordController],
  providers: [TicketRecordQuery],
})
export class TicketRecordModule {}
