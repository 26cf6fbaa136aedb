import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain.error.js';
import { BoardDiscovery } from '../jira/board-discovery.service.js';
import { flowMetrics } from './domain/flow-metrics.js';
import type { FlowMetrics } from './domain/flow-metrics.types.js';
import type { FlowMetricsQuery } from './dto/flow-metrics.query.js';
import { AuditFactsRepository } from './persistence/audit-facts.repository.js';

const DEFAULT_DAYS = 90;

/** Lead time, cycle time, blocked-on-deploy time and per-sprint counts of a window, from the audit log. */
@Injectable()
export class FlowMetricsService {
  constructor(
    private readonly facts: AuditFactsRepository,
    private readonly boards: BoardDiscovery,
    private readonly clock: Clock,
  ) {}

  async metrics(query: FlowMetricsQuery): Promise<FlowMetrics> {
    const to = query.to ? new Date(query.to) : this.clock.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_DAYS * 86_400_000);
    if (from >= to)
      throw new DomainError('validation_failed', 'Invalid request: from must be before to', {
        fields: [{ field: 'from', problems: ['from must be before to'] }],
      });
    const [events, activeSprintId] = await Promise.all([this.facts.forWindow(from, to), this.facts.activeSprintId()]);
    const triageStatusIds = this.boards.layout()?.triage ?? [];
    return flowMetrics(events, { from, to, triageStatusIds, activeSprintId });
  }
}
