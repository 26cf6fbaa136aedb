import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { Metrics } from './metrics.registry.js';
import { FlowStateRepository } from './persistence/flow-state.repository.js';

const SETTLE_SECONDS = 2;

/** Brings the database-backed metrics up to date just before Prometheus reads them. */
@Injectable()
export class ScrapeCollector {
  private readonly logger = new Logger('Metrics');
  /** decision latency is observed for webhooks processed after the first scrape (null: none yet) */
  private processedMark: string | null = null;
  private readonly violationsSeen = new Map<string, number>();

  constructor(
    private readonly metrics: Metrics,
    private readonly state: FlowStateRepository,
    private readonly clock: Clock,
  ) {}

  async collect(): Promise<void> {
    try {
      await Promise.all([this.gauges(), this.decisionLatency()]);
    } catch (error) {
      this.logger.warn(`Database metrics not read: ${(error as Error).message}`); // the counters are still served
    }
  }

  private async gauges(): Promise<void> {
    const n = await this.state.numbers();
    this.metrics.outboxDepth.set(n.outboxDepth);
    this.metrics.outboxFailed.set(n.outboxFailed);
    this.metrics.webhooksPending.set(n.webhooksPending);
    this.metrics.slotOccupied.set(n.slotSince ? 1 : 0);
    this.metrics.slotAge.set(n.slotSince ? Math.max(0, (this.clock.now().getTime() - n.slotSince.getTime()) / 1000) : 0);
    for (const v of n.violations) {
      const key = `${v.rule}/${v.remedy}`;
      const seen = this.violationsSeen.get(key) ?? 0;
      if (v.count > seen) this.metrics.violations.inc({ rule: v.rule, remedy: v.remedy }, v.count - seen);
      this.violationsSeen.set(key, Math.max(seen, v.count));
    }
  }

  private async decisionLatency(): Promise<void> {
    if (this.processedMark === null) {
      this.processedMark = await this.state.settledMark(SETTLE_SECONDS); // like any counter, it starts at the first scrape
      return;
    }
    const { seconds, mark } = await this.state.processedSince(this.processedMark, SETTLE_SECONDS);
    for (const s of seconds) this.metrics.decisionLatency.observe(s);
    this.processedMark = mark;
  }
}
