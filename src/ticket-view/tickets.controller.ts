import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TicketQuery } from './ticket.query.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('api/tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketQuery) {}

  @Get(':key')
  get(@Param('key') key: string) {
    return this.tickets.byKey(key.toUpperCase());
  }
}
