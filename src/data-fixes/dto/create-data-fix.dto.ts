import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { TICKET_KEY, TICKET_KEY_MESSAGE, upperCaseKey } from './ticket-key.transform.js';

export class CreateDataFixDto {
  @ApiProperty({ example: 'SUP-7', description: 'the JSM ticket the fix belongs to; every step is an internal note on it' })
  @Transform(upperCaseKey)
  @IsString({ message: TICKET_KEY_MESSAGE })
  @Matches(TICKET_KEY, { message: TICKET_KEY_MESSAGE })
  ticketKey: string;

  @ApiProperty({ example: 'UPDATE accounts SET status = 1 WHERE client_id = 7 AND status = 0', description: 'checked, never run' })
  @IsString({ message: 'sql must be the script as text' })
  @MaxLength(200_000)
  sql: string;

  @ApiProperty({ example: 'reactivate the accounts of client 7 closed by the failed import' })
  @IsString()
  @IsNotEmpty({ message: 'purpose is required: say what the fix is for' })
  @MaxLength(2000)
  purpose: string;
}
