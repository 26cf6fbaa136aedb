import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { flowMetrics } from '../../metrics/domain/flow-metrics.js';
import { AuditFactsRepository } from '../../metrics/persistence/audit-facts.repository.js';
import { flowHistory } from '../domain/flow-history.js';
import type { FlowHistory, SlotNow } from '../domain/forecast.types.js';

const WINDOW_DAYS = 180;
const RECENT_CYCLES = 50;

/** The recorded flow a forecast draws from: the same cycle times as GET /api/flow-metrics, and the gaps between deploy and next pickup. */
@Injectable()
export class ForecastHistoryRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly facts: AuditFactsRepository,
  ) {}

  async history(now: Date): Promise<FlowHistory> {
    const from = new Date(now.getTime() - WINDOW_DAYS * 86_400_000);
    const [events, pickups] = await Promise.all([this.facts.forWindow(from, now), this.facts.pickupTimes(from, now)]);
    const metrics = flowMetrics(events, { from, to: now, triageStatusIds: [], activeSprintId: null });
    return flowHistory(metrics.cycleTime.samples, pickups, RECENT_CYCLES);
  }

  async slot(now: Date): Promise<SlotNow> {
    const [row]: { held_since: Date | null; free_since: Date | null }[] = await this.db.query(
      `SELECT (SELECT picked_up_at FROM slot_occupancy WHERE released_at IS NULL LIMIT 1) AS held_since,
              (SELECT max(released_at) FROM slot_occupancy) AS free_since`,
    );
    const age = (d: Date) => Math.max(0, now.getTime() - new Date(d).getTime());
    if (row?.held_since) return { state: 'held', forMs: age(row.held_since) };
    return { state: 'free', forMs: row?.free_since ? age(row.free_since) : null };
  }
}
