import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { DeploymentsController } from '../deployments/deployments.controller.js';
import { DeploymentsService } from '../deployments/deployments.service.js';
import { ForecastModule } from '../forecast/forecast.module.js';
import { RotaController } from '../rota/rota.controller.js';
import { ServiceDeskModule } from '../service-desk/service-desk.module.js';
import { FlowController } from './flow.controller.js';
import { FlowService } from './flow.service.js';
import { FlowRepository } from './persistence/flow.repository.js';
import { PickupService } from './pickup.service.js';
import { QueueQuery } from './queue.query.js';
import { ReadyQueueReader } from './ready-queue.reader.js';
import { RotaService } from './rota.service.js';

@Module({
  imports: [ServiceDeskModule, ForecastModule],
  controllers: [FlowController, DeploymentsController, RotaController],
  providers: [FlowService, FlowRepository, PickupService, QueueQuery, RotaService, DeploymentsService, ReadyQueueReader],
  exports: [FlowService, RotaService, ReadyQueueReader],
})
export class FlowModule implements OnApplicationBootstrap {
  constructor(private readonly rota: RotaService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rota.syncActiveSprint();
  }
}
