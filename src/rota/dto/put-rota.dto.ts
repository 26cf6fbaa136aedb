import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Min, ValidateIf } from 'class-validator';

/** Either `{accountId, sprintId?}` (one sprint) or `{rotation: [...]}` (ordered, advancing at each sprint start). */
export class PutRotaDto {
  @ApiPropertyOptional({ description: 'Jira accountId of the developer designated for one sprint' })
  @ValidateIf((o: PutRotaDto) => o.rotation === undefined)
  @IsString({ message: 'give either accountId (with an optional sprintId) or rotation' })
  @IsNotEmpty()
  accountId?: string;

  @ApiPropertyOptional({ description: 'sprint of the Sprint Work board; default: the active sprint' })
  @IsOptional()
  @IsInt()
  @Min(1)
  sprintId?: number;

  @ApiPropertyOptional({ type: [String], description: 'ordered accountIds; the first is designated now' })
  @ValidateIf((o: PutRotaDto) => o.accountId === undefined)
  @IsArray({ message: 'rotation must be a list of accountIds' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  rotation?: string[];
}
