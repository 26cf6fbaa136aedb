import { Module } from '@nestjs/common';
import { InboxService } from './inbox.service.js';
import { JiraEventBus } from './jira-event.bus.js';
import { WebhookProcessor } from './webhook.processor.js';
import { WebhooksController } from './webhooks.controller.js';

@Module({
  controllers: [WebhooksController],
  providers: [InboxService, WebhookProcessor, JiraEventBus],
  exports: [JiraEventBus, WebhookProcessor],
})
export class WebhooksModule {}
