import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { JiraChangeRecoveryService } from './jira-change-recovery.service.js';
import { JiraChangesController } from './jira-changes.controller.js';
import { RecoveryRepository } from './persistence/recovery.repository.js';
import { QuarantinedWebhooksController } from './quarantined-webhooks.controller.js';
import { WebhookReplayService } from './webhook-replay.service.js';

/** What operators do when something went wrong: retry or abandon failed Jira changes, replay quarantined webhooks. */
@Module({
  imports: [WebhooksModule],
  controllers: [JiraChangesController, QuarantinedWebhooksController],
  providers: [JiraChangeRecoveryService, WebhookReplayService, RecoveryRepository],
})
export class RecoveryModule {}
