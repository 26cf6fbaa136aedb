import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ReleaseSlotDto {
  @ApiProperty({ example: 'fix shipped by hand during the outage' })
  @IsString({ message: 'reason is required: say why the slot is released by hand' })
  @IsNotEmpty({ message: 'reason is required: say why the slot is released by hand' })
  @MaxLength(2000)
  reason: string;
}
