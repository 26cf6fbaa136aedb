import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Identity, personOf } from '../auth/domain/role.js';
import { CurrentIdentity } from '../auth/identity.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { DomainError } from '../common/domain.error.js';
import { trackOf } from '../common/track.js';
import { RotaService } from './rota.service.js';
import { PutRotaDto } from './dto/put-rota.dto.js';

@ApiTags('rota')
@ApiBearerAuth()
@Controller('api')
export class RotaController {
  constructor(private readonly rota: RotaService) {}

  @Get(['rota', 'tracks/:track/rota'])
  @Roles('po', 'admin')
  get(@Param('track') track?: string) {
    trackOf(track);
    return this.rota.view();
  }

  @Put(['rota', 'tracks/:track/rota'])
  @Roles('po', 'admin')
  put(@Body() body: PutRotaDto, @CurrentIdentity() who: Identity, @Param('track') track?: string) {
    trackOf(track);
    if (body.accountId !== undefined && body.rotation !== undefined) {
      throw new DomainError('validation_failed', 'Give either accountId (one sprint) or rotation (an ordered list), not both', {
        fields: [{ field: 'rotation', problems: ['not with accountId'] }],
      });
    }
    return body.rotation ? this.rota.setRotation(body.rotation, personOf(who)) : this.rota.assign(body.accountId!, body.sprintId, personOf(who));
  }
}
