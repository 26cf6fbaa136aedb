import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { ReviewDecision } from '../domain/data-fix.types.js';

export class ReviewDataFixDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'], { message: 'decision must be approve or reject' })
  decision: ReviewDecision;

  @ApiProperty({ example: 'the WHERE matches only the 12 accounts of the import' })
  @IsString()
  @IsNotEmpty({ message: 'comment is required: say what the review checked' })
  @MaxLength(4000)
  comment: string;
}
