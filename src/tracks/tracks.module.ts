import { Module } from '@nestjs/common';
import { FlowModule } from '../flow/flow.module.js';
import { TracksController } from './tracks.controller.js';
import { TracksQuery } from './tracks.query.js';

/** GET /api/tracks: above the flow, whose slot it shows. */
@Module({
  imports: [FlowModule],
  controllers: [TracksController],
  providers: [TracksQuery],
})
export class TracksModule {}
