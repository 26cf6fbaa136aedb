import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator.js';
import { Metrics } from './metrics.registry.js';
import { ScrapeCollector } from './scrape.collector.js';

/** Prometheus text format; no token (bind or proxy it as you would any metrics port). */
@ApiExcludeController()
@Controller('metrics')
export class PrometheusController {
  constructor(
    private readonly metrics: Metrics,
    private readonly collector: ScrapeCollector,
  ) {}

  @Get()
  @Public()
  async scrape(@Res() res: Response): Promise<void> {
    await this.collector.collect();
    res
      .set('Cache-Control', 'no-store')
      .type(this.metrics.registry.contentType)
      .send(await this.metrics.registry.metrics());
  }
}
