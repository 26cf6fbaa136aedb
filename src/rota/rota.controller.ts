import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Identity, personOf } from '../auth/domain/role.js';
import { CurrentIdentity } from '../auth/identity.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { DomainError } from '../common/domain.error.js';
import { RotaService } from './rota.service.js';
import { PutRotaDto } from './dto/put-rota.dto.js';

@ApiTags('rota')
@ApiBearerAuth()
@Controller('api/rota')
export class RotaController {
  constructor(private readonly rota: RotaService) {}

  @Get()
  @Roles('po', 'admin')
  get() {
    return this.rota.view();
  }

  @Put()
  @Roles('po', 'admin')
  put(@Body() body: PutRotaDto, @CurrentIdentity() who: Identity) {
    if (body.accountId !== undefined && body.rotation !== undefined) {
      throw new DomainError('validation_failed', 'Give either accountId (one sprint) or rotation (an ordered list), not both', {
        fields: [{ field: 'rotation', problems: ['not with accountId'] }],
      });
    }
    return body.rotation ? this.rota.setRotation(body.rotation, personOf(who)) : this.rota.assign(body.accountId!, body.sprintId, personOf(who));
  }
}
