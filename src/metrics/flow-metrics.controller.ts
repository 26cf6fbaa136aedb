import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FlowMetricsQuery } from './dto/flow-metrics.query.js';
import { FlowMetricsService } from './flow-metrics.service.js';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('api')
export class FlowMetricsController {
  constructor(private readonly flow: FlowMetricsService) {}

  @Get('flow-metrics')
  @ApiOperation({ summary: 'Lead time, cycle time, blocked-on-deploy time (p50/p85/p95, hours), throughput and violations per sprint' })
  metrics(@Query() query: FlowMetricsQuery) {
    return this.flow.metrics(query);
  }
}
