import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class AbandonChangeDto {
  @ApiProperty({ example: 'the ticket was closed in the meantime; the comment is no longer useful' })
  @IsString({ message: 'reason is required: say why the change is given up' })
  @IsNotEmpty({ message: 'reason is required: say why the change is given up' })
  @Matches(/\S/, { message: 'reason is required: say why the change is given up' })
  @MaxLength(2000)
  reason: string;
}
