import { Body, Controller, Get, Headers, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError } from '../common/domain.error.js';
import { flatten } from '../common/validation.pipe.js';
import type { Identity } from './domain/role.js';
import { rosterVersion, type RosterEntry } from './domain/roster.diff.js';
import { RosterDto } from './dto/roster.dto.js';
import { CurrentIdentity } from './identity.decorator.js';
import { Roles } from './roles.decorator.js';
import { RosterService } from './roster.service.js';

@ApiTags('people')
@ApiBearerAuth()
@Controller('api/people')
export class RosterController {
  constructor(private readonly roster: RosterService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The roster: [{email, role, accountId, tracks}], with its version as ETag' })
  async list(@Res({ passthrough: true }) res: Response): Promise<RosterEntry[]> {
    const people = await this.roster.list();
    res.setHeader('ETag', rosterVersion(people));
    return people;
  }

  @Put()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Replaces the roster: [{email, role, accountId?, tracks?}]; whoever is left out can no longer sign in. If-Match: 409 superseded when it changed since',
  })
  async replace(
    @Body() body: unknown,
    @CurrentIdentity() who: Identity,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RosterEntry[]> {
    const dto = plainToInstance(RosterDto, { people: body });
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      // "people.2.email" → "[2].email": the body is the array itself
      const fields = flatten(errors).map((f) => ({ ...f, field: f.field.replace(/^people\.?(\d+)?/, (_, i?: string) => (i ? `[${i}]` : 'body')) }));
      throw new DomainError('validation_failed', `Invalid roster: ${fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ')}`, { fields });
    }
    const people = dto.people.map((p) => ({ email: p.email, role: p.role, accountId: p.accountId ?? null, tracks: p.tracks ?? null }));
    const saved = await this.roster.replace(people, who, ifMatch);
    res.setHeader('ETag', rosterVersion(saved));
    return saved;
  }
}
