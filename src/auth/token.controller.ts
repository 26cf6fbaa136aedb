import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Identity } from './domain/role.js';
import { CreateTokenDto } from './dto/create-token.dto.js';
import type { TokenView } from './dto/token.view.js';
import { CurrentIdentity } from './identity.decorator.js';
import { Roles } from './roles.decorator.js';
import { CreatedToken, TokenService } from './token.service.js';

@ApiTags('tokens')
@ApiBearerAuth()
@Controller('api/tokens')
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  create(@Body() body: CreateTokenDto, @CurrentIdentity() who: Identity): Promise<CreatedToken> {
    return this.tokens.create({ name: body.name, role: body.role, accountId: body.accountId ?? null, expiresInDays: body.expiresInDays }, who);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Every token not revoked (never a secret); ADMIN_TOKEN is not listed' })
  list(): Promise<TokenView[]> {
    return this.tokens.list();
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Revoke a token: 401 from its next call on' })
  async revoke(@Param('id') id: string, @CurrentIdentity() who: Identity): Promise<void> {
    await this.tokens.revoke(id, who);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'A new secret for the same token identity; the old secret is refused from now on' })
  rotate(@Param('id') id: string, @CurrentIdentity() who: Identity): Promise<{ id: string; token: string }> {
    return this.tokens.rotate(id, who);
  }
}
