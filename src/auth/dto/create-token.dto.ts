import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '../domain/role.js';

export class CreateTokenDto {
  @ApiProperty({ example: 'jenkins deploy job' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ description: 'Jira accountId; required for the developer role' })
  @ValidateIf((o: CreateTokenDto) => o.role === 'developer' || o.accountId !== undefined)
  @IsString({ message: 'accountId is required for the developer role (the Jira accountId of the developer)' })
  @IsNotEmpty({ message: 'accountId is required for the developer role (the Jira accountId of the developer)' })
  accountId?: string;

  @ApiPropertyOptional({ description: 'the token stops working this many days after its creation (1–3650); without it, it never expires', example: 90 })
  @IsOptional()
  @IsInt({ message: 'expiresInDays must be a whole number of days' })
  @Min(1, { message: 'expiresInDays must be at least 1' })
  @Max(3650, { message: 'expiresInDays must be at most 3650' })
  expiresInDays?: number;
}
