import { Module } from '@nestjs/common';
import { FlowModule } from '../flow/flow.module.js';
import { RotaModule } from '../rota/rota.module.js';
import { ServiceDeskModule } from '../service-desk/service-desk.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { InboxService } from './inbox.service.js';
import { JiraEventPipeline } from './jira-event.pipeline.js';
import { WebhookProcessor } from './webhook.processor.js';
import { WebhooksController } from './webhooks.controller.js';

@Module({
  imports: [TicketsModule, ServiceDeskModule, RotaModule, FlowModule],
  controllers: [WebhooksController],
  providers: [InboxService, WebhookProcessor, JiraEventPipeline],
  exports: [JiraEventPipeline, WebhookProcessor],
})
export class WebhooksModule {}
