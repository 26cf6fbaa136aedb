import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches } from 'class-validator';
import { TICKET_KEY, TICKET_KEY_MESSAGE, upperCaseKey } from './ticket-key.transform.js';

export class ListDataFixesQuery {
  @ApiPropertyOptional({ example: 'SUP-7', description: 'only the fixes of this ticket' })
  @IsOptional()
  @Transform(upperCaseKey)
  @IsString({ message: TICKET_KEY_MESSAGE })
  @Matches(TICKET_KEY, { message: TICKET_KEY_MESSAGE })
  ticketKey?: string;
}
