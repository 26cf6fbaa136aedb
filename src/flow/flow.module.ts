import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { DeploymentsController } from '../deployments/deployments.controller.js';
import { DeploymentsService } from '../deployments/deployments.service.js';
import { ForecastModule } from '../forecast/forecast.module.js';
import { RotaController } from '../rota/rota.controller.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { FlowController } from './flow.controller.js';
import { FlowService } from './flow.service.js';
import { JiraFlowHandler } from './jira-flow.handler.js';
import { FlowRepository } from './persistence/flow.repository.js';
import { PickupService } from './pickup.service.js';
import { QueueQuery } from './queue.query.js';
import { RotaService } from './rota.service.js';

@Module({
  imports: [WebhooksModule, TicketsModule, ForecastModule],
  controllers: [FlowController, DeploymentsController, RotaController],
  providers: [FlowService, FlowRepository, PickupService, QueueQuery, RotaService, JiraFlowHandler, DeploymentsService],
  exports: [FlowService, RotaService],
})
export class FlowModule implements OnApplicationBootstrap {
  constructor(private readonly rota: RotaService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rota.syncActiveSprint();
  }
}
