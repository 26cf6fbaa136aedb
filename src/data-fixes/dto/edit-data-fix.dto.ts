import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class EditDataFixDto {
  @ApiProperty({ example: 'UPDATE accounts SET status = 1 WHERE client_id = 7 AND status = 0 AND region = 2' })
  @IsString({ message: 'sql must be the script as text' })
  @MaxLength(200_000)
  sql: string;
}
