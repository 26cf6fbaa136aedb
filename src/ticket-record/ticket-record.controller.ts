import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TicketRecordQuery } from './ticket-record.query.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('api/tickets')
export class TicketRecordController {
  constructor(private readonly tickets: TicketRecordQuery) {}

  @Get(':key')
  get(@Param('key') key: string) {
    return this.tickets.byKey(key.toUpperCase());
  }
}
