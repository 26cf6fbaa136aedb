import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '../domain/role.js';

export class CreateTokenDto {
  @ApiProperty({ example: 'jenkins deploy job' }) @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ description: 'Jira accountId; required for the developer role' })
  @ValidateIf((o: CreateTokenDto) => o.role === 'developer' || o.accountId !== undefined)
  @IsString({ message: 'accountId is required for the developer role (the Jira accountId of the developer)' })
  @IsNotEmpty({ message: 'accountId is required for the developer role (the Jira accountId of the developer)' })
  accountId?: string;
}
