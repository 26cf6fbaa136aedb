import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ROLES, type Role } from '../domain/role.js';

export class PersonDto {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  /** required for a developer, as for a developer's token: pickups and the rota go by it */
  @ValidateIf((p: PersonDto) => p.role === 'developer' || (p.accountId !== undefined && p.accountId !== null))
  @IsString({ message: 'accountId is required for the developer role (the Jira accountId of the developer)' })
  @Matches(/^\S{1,128}$/, { message: 'accountId must be a Jira account id (no spaces)' })
  accountId?: string | null;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  tracks?: string[] | null;
}

/** PUT /api/people: the whole roster (wrapped here so that every entry is validated and named by its index). */
export class RosterDto {
  @IsArray({ message: 'the body must be a JSON array of people' })
  @ValidateNested({ each: true })
  @ArrayUnique((p: PersonDto) => String(p?.email).toLowerCase(), { message: 'each email may be on the roster once' })
  @Type(() => PersonDto)
  people: PersonDto[];
}
