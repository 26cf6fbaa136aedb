import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class FlowMetricsQuery {
  @ApiPropertyOptional({ example: '2025-01-01T00:00:00Z', description: 'start of the window (ISO 8601); default: 90 days before `to`' })
  @IsOptional()
  @IsISO8601({}, { message: 'from must be an ISO 8601 date' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-04-01T00:00:00Z', description: 'end of the window (ISO 8601); default: now' })
  @IsOptional()
  @IsISO8601({}, { message: 'to must be an ISO 8601 date' })
  to?: string;
}
