import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Identity } from './domain/role.js';
import { CurrentIdentity } from './identity.decorator.js';

/** Who the token is: the dashboard shows each role only the actions it may take. */
@ApiTags('tokens')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'The calling token: {tokenId, name, role, accountId, expiresAt}' })
  me(@CurrentIdentity() who: Identity) {
    return { tokenId: who.tokenId, name: who.name, role: who.role, accountId: who.accountId, expiresAt: who.expiresAt ?? null };
  }
}
