import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ProductionRunDto {
  @ApiProperty({ example: 12, description: 'flagged when it differs from the verified preprod run' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  rowsAffected: number;

  @ApiPropertyOptional({ example: 'ran at 18:05 in one transaction' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}
