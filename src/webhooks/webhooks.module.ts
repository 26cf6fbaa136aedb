import { Module } from '@nestjs/common';
import { FlowModule } from '../flow/flow.module.js';
import { RotaModule } from '../rota/rota.module.js';
import { ServiceDeskModule } from '../service-desk/service-desk.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { InboxService } from './inbox.service.js';
import { EventDecider } from './event.decider.js';
import { EventReader } from './event.reader.js';
import { WebhookQueue } from './persistence/webhook-queue.repository.js';
import { WebhookProcessor } from './webhook.processor.js';
import { WebhooksController } from './webhooks.controller.js';

@Module({
  imports: [TicketsModule, ServiceDeskModule, RotaModule, FlowModule],
  controllers: [WebhooksController],
  providers: [InboxService, WebhookProcessor, WebhookQueue, EventReader, EventDecider],
  exports: [EventReader, EventDecider, WebhookQueue, WebhookProcessor],
})
export class WebhooksModule {}
