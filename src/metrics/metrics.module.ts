import { Global, Module } from '@nestjs/common';
import { FlowMetricsController } from './flow-metrics.controller.js';
import { FlowMetricsService } from './flow-metrics.service.js';
import { Metrics } from './metrics.registry.js';
import { AuditFactsRepository } from './persistence/audit-facts.repository.js';
import { FlowStateRepository } from './persistence/flow-state.repository.js';
import { PrometheusController } from './prometheus.controller.js';
import { ScrapeCollector } from './scrape.collector.js';
import { WebhookMetricsInterceptor } from './webhook-metrics.interceptor.js';

/** Global: the webhook intake counts its deliveries through Metrics (WebhookMetricsInterceptor); forecasts read the audit facts. */
@Global()
@Module({
  controllers: [FlowMetricsController, PrometheusController],
  providers: [Metrics, ScrapeCollector, FlowStateRepository, AuditFactsRepository, FlowMetricsService, WebhookMetricsInterceptor],
  exports: [Metrics, WebhookMetricsInterceptor, AuditFactsRepository],
})
export class MetricsModule {}
