import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Identity } from '../auth/domain/role.js';
import { CurrentIdentity } from '../auth/identity.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { WebhookReplayService } from './webhook-replay.service.js';

@ApiTags('recovery')
@ApiBearerAuth()
@Controller('api/webhooks')
export class QuarantinedWebhooksController {
  constructor(private readonly replays: WebhookReplayService) {}

  @Get('quarantined')
  @Roles('admin')
  @ApiOperation({ summary: 'Webhooks that could not be applied, newest first: {id, event, issue, reason, attempts, received}' })
  quarantined() {
    return this.replays.quarantined();
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Apply a quarantined webhook again, in the issue’s order; 409 not_quarantined, 409 superseded' })
  replay(@Param('id') id: string, @CurrentIdentity() who: Identity) {
    return this.replays.replay(id, who);
  }
}
