import { Controller, Get, Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Identity } from './domain/role.js';
import { CurrentIdentity } from './identity.decorator.js';
import { csrfTokenOf } from './trusted-proxy.js';

/** Who is calling (a token, or a person signed in): the dashboard shows each role only the actions it may take. */
@ApiTags('tokens')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({ summary: 'The caller: {kind: token|person, tokenId?, name, email?, role, accountId, expiresAt, csrfToken?}' })
  me(@CurrentIdentity() who: Identity) {
    const { role, accountId, name } = who;
    if (who.kind === 'person' && who.email && this.config.trustedProxy) {
      return { kind: 'person', name, email: who.email, role, accountId, expiresAt: null, csrfToken: csrfTokenOf(this.config.trustedProxy.secret, who.email) };
    }
    return { kind: 'token', tokenId: who.tokenId, name, role, accountId, expiresAt: who.expiresAt ?? null };
  }
}
