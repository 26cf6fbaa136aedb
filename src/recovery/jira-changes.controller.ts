import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Identity } from '../auth/domain/role.js';
import { CurrentIdentity } from '../auth/identity.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { AbandonChangeDto } from './dto/abandon-change.dto.js';
import { JiraChangeRecoveryService } from './jira-change-recovery.service.js';

@ApiTags('recovery')
@ApiBearerAuth()
@Controller('api/jira-changes')
export class JiraChangesController {
  constructor(private readonly recovery: JiraChangeRecoveryService) {}

  @Post(':id/retry')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Send a failed Jira change again (same id, same place in the issue’s order); 409 not_failed' })
  retry(@Param('id') id: string, @CurrentIdentity() who: Identity) {
    return this.recovery.retry(id, who);
  }

  @Post(':id/abandon')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Give up a failed Jira change, with the reason; 409 not_failed' })
  abandon(@Param('id') id: string, @Body() body: AbandonChangeDto, @CurrentIdentity() who: Identity) {
    return this.recovery.abandon(id, body.reason, who);
  }
}
