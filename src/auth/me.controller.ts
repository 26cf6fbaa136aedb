import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Identity } from './domain/role.js';
import { CurrentIdentity } from './identity.decorator.js';

/** Who is calling (a token, or a person signed in): the dashboard shows each role only the actions it may take. */
@ApiTags('tokens')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'The caller: {kind: token|person, tokenId?, name, email?, role, accountId, expiresAt, csrfToken?}' })
  me(@CurrentIdentity() who: Identity) {
    const { role, accountId, name } = who;
    if (who.kind === 'person') return { kind: 'person', via: who.via, name, email: who.email, role, accountId, expiresAt: null, csrfToken: who.csrfToken };
    return { kind: 'token', tokenId: who.tokenId, name, role, accountId, expiresAt: who.expiresAt ?? null };
  }
}
