import { Module } from '@nestjs/common';
import { ServiceDeskModule } from '../service-desk/service-desk.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { ReconcileController } from './reconcile.controller.js';
import { ReconcileService } from './reconcile.service.js';

@Module({ imports: [WebhooksModule, ServiceDeskModule], controllers: [ReconcileController], providers: [ReconcileService] })
export class ReconcileModule {}
