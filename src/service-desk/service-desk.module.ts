import { Module } from '@nestjs/common';
import { FlowModule } from '../flow/flow.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { EscalationService } from './escalation.service.js';
import { LinkBackHandler } from './link-back.handler.js';
import { ProgressListener } from './progress.listener.js';
import { ServiceDeskController } from './service-desk.controller.js';
import { ServiceDeskNotes } from './service-desk-notes.js';
import { SlaMonitor } from './sla.monitor.js';

@Module({
  imports: [WebhooksModule, FlowModule],
  controllers: [ServiceDeskController],
  providers: [EscalationService, LinkBackHandler, ProgressListener, ServiceDeskNotes, SlaMonitor],
  exports: [SlaMonitor],
})
export class ServiceDeskModule {}
