import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Identity } from './domain/role.js';
import { CreateTokenDto } from './dto/create-token.dto.js';
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
    return this.tokens.create(body.name, body.role, body.accountId ?? null, who);
  }
}
