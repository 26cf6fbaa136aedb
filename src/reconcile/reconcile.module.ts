import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { ReconcileController } from './reconcile.controller.js';
import { ReconcileService } from './reconcile.service.js';

@Module({ imports: [WebhooksModule], controllers: [ReconcileController], providers: [ReconcileService] })
export class ReconcileModule {}
