import { Module } from '@nestjs/common';
import { ForecastModule } from '../forecast/forecast.module.js';
import { RotaModule } from '../rota/rota.module.js';
import { ServiceDeskModule } from '../service-desk/service-desk.module.js';
import { FlowController } from './flow.controller.js';
import { FlowService } from './flow.service.js';
import { FlowRepository } from './persistence/flow.repository.js';
import { PickupService } from './pickup.service.js';
import { QueueQuery } from './queue.query.js';
import { ReadyQueueReader } from './ready-queue.reader.js';

@Module({
  imports: [RotaModule, ServiceDeskModule, ForecastModule],
  controllers: [FlowController],
  providers: [FlowService, FlowRepository, PickupService, QueueQuery, ReadyQueueReader],
  exports: [FlowService, FlowRepository, ReadyQueueReader],
})
export class FlowModule {}
