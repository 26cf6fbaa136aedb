import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class EscalateDto {
  @ApiProperty({ example: 'SUP-123' })
  @Matches(/^[A-Z][A-Z0-9_]+-[1-9][0-9]*$/, { message: 'serviceDeskKey must be a Jira issue key such as SUP-123' })
  serviceDeskKey: string;
}
