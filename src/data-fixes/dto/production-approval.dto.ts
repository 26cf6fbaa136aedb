import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ProductionApprovalDto {
  @ApiPropertyOptional({ example: 'go ahead after 18:00' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}
