import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics, in a registry of its own (several apps in one process, as in the
 * tests, never share one). Counters are counted where things happen; the gauges, the violation
 * counter and the decision latency are read from the database at scrape time (ScrapeCollector).
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly registers = [this.registry];

  private readonly webhooksReceived = new Counter({
    name: 'orchestrator_webhooks_received_total',
    help: 'Jira webhook deliveries that reached the intake',
    registers: this.registers,
  });
  private readonly webhooksDuplicate = new Counter({
    name: 'orchestrator_webhooks_duplicate_total',
    help: 'Jira webhook deliveries answered as a repeat of one already stored',
    registers: this.registers,
  });
  private readonly webhooksRejected = new Counter({
    name: 'orchestrator_webhooks_rejected_total',
    help: 'Jira webhook deliveries refused by the intake, by error code',
    labelNames: ['code'],
    registers: this.registers,
  });

  readonly outboxDepth = new Gauge({
    name: 'orchestrator_outbox_depth',
    help: 'Jira changes waiting to be sent (pending or in flight)',
    registers: this.registers,
  });
  readonly outboxFailed = new Gauge({
    name: 'orchestrator_outbox_failed',
    help: 'Jira changes that failed for good (shown on their ticket)',
    registers: this.registers,
  });
  readonly webhooksPending = new Gauge({ name: 'orchestrator_webhooks_pending', help: 'Stored webhooks not processed yet', registers: this.registers });
  readonly slotOccupied = new Gauge({ name: 'orchestrator_slot_occupied', help: '1 when a ticket holds the 3rd-line slot, else 0', registers: this.registers });
  readonly slotAge = new Gauge({
    name: 'orchestrator_slot_age_seconds',
    help: 'How long the ticket in the slot has held it (0 when free)',
    registers: this.registers,
  });
  readonly violations = new Counter({
    name: 'orchestrator_violations_total',
    help: 'WIP violations recorded, by rule and remedy',
    labelNames: ['rule', 'remedy'],
    registers: this.registers,
  });
  readonly decisionLatency = new Histogram({
    name: 'orchestrator_decision_latency_seconds',
    help: 'Webhook received → processed (decided, audited, Jira changes queued), observed at scrape time for webhooks processed since the previous scrape',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: this.registers,
  });

  webhookReceived(): void {
    this.webhooksReceived.inc();
  }

  webhookDuplicate(): void {
    this.webhooksDuplicate.inc();
  }

  webhookRejected(code: string): void {
    this.webhooksRejected.inc({ code });
  }
}
