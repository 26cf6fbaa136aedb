import { Module } from '@nestjs/common';
import { FlowModule } from '../flow/flow.module.js';
import { DeploymentsController } from './deployments.controller.js';
import { DeploymentsService } from './deployments.service.js';

/** Above the flow: a recorded deployment is a flow event (it may release the slot). */
@Module({
  imports: [FlowModule],
  controllers: [DeploymentsController],
  providers: [DeploymentsService],
})
export class DeploymentsModule {}
