import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class PreprodRunDto {
  @ApiProperty({ example: 'support-preprod' })
  @IsString()
  @IsNotEmpty({ message: 'environment is required: name the Support/Preprod database' })
  @MaxLength(200)
  environment: string;

  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  rowsAffected: number;

  @ApiProperty({ description: 'whether the result was checked and is right' })
  @IsBoolean({ message: 'verified must be true or false' })
  verified: boolean;

  @ApiPropertyOptional({ example: '12 accounts active again, nothing else changed' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}
