import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface FlowStateNumbers {
  outboxDepth: number;
  outboxFailed: number;
  webhooksPending: number;
  slotSince: Date | null;
  violations: { rule: string; remedy: string; count: number }[];
}

/** The counts behind the Prometheus gauges, read at scrape time. */
@Injectable()
export class FlowStateRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async numbers(): Promise<FlowStateNumbers> {
    const [outbox, pending, slot, violations] = await Promise.all([
      this.db.query(`SELECT status, count(*)::int AS n FROM jira_change WHERE status IN ('pending', 'failed') GROUP BY status`) as Promise<
        { status: string; n: number }[]
      >,
      this.db.query(`SELECT count(*)::int AS n FROM webhook_event WHERE status = 'pending'`) as Promise<{ n: number }[]>,
      this.db.query(`SELECT picked_up_at FROM slot_occupancy WHERE released_at IS NULL LIMIT 1`) as Promise<{ picked_up_at: Date }[]>,
      this.db.query(`SELECT rule, remedy, count(*)::int AS count FROM violation GROUP BY rule, remedy`) as Promise<
        { rule: string; remedy: string; count: number }[]
      >,
    ]);
    const count = (...statuses: string[]) => outbox.filter((o) => statuses.includes(o.status)).reduce((sum, o) => sum + o.n, 0);
    return {
      outboxDepth: count('pending'),
      outboxFailed: count('failed'),
      webhooksPending: pending[0]?.n ?? 0,
      slotSince: slot[0] ? new Date(slot[0].picked_up_at) : null,
      violations,
    };
  }

  async settledMark(settleSeconds: number): Promise<string> {
    const [row]: { mark: string }[] = await this.db.query(`SELECT (now() - make_interval(secs => $1))::text AS mark`, [settleSeconds]);
    return row.mark;
  }

  /**
   * Webhooks processed after `mark` (a PostgreSQL timestamp as text, so no microsecond is lost) and at
   * least `settleSeconds` ago: a processing transaction stamps now() at its start and may commit a
   * little later, so the most recent moments are left for the next scrape.
   */
  async processedSince(mark: string, settleSeconds: number): Promise<{ seconds: number[]; mark: string }> {
    const rows: { seconds: number; mark: string }[] = await this.db.query(
      `SELECT EXTRACT(EPOCH FROM processed_at - received_at)::float8 AS seconds, processed_at::text AS mark FROM webhook_event
        WHERE status = 'processed' AND processed_at > $1::timestamptz AND processed_at <= now() - make_interval(secs => $2)
        ORDER BY processed_at LIMIT 10000`,
      [mark, settleSeconds],
    );
    return { seconds: rows.map((r) => Math.max(0, Number(r.seconds))), mark: rows.at(-1)?.mark ?? mark };
  }
}
