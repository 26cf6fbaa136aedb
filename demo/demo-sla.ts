import type pg from 'pg';
import { slaMetric, type JiraSimulator, type SimSlaMetric } from '../jira-sim';

const HOUR = 3_600_000;

/** From the start every client ticket has a clock in JSM (a generous one), so the 3rd-line targets are never told as the client's. */
export function seedDemoSlaAtStart(sim: JiraSimulator, keys: string[], now: Date): void {
  for (const key of keys) sim.setSla(key, [slaMetric.running('2', 'Time to resolution', { startedAt: now.getTime(), goalMs: 40 * 24 * HOUR, elapsedMs: 0 })]);
}

/**
 * The clocks JSM keeps on the demo's open client tickets, as a service desk would see them: one
 * breached, one paused while waiting for the customer, one at risk, the others running with time to
 * spare; the first response met on every ticket but the paused one. Times follow each ticket's own
 * start (its escalation or link), so nothing ran longer than the ticket existed.
 */
export async function seedDemoSla(sim: JiraSimulator, db: pg.Pool, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ key: string; started: Date }>(
    `SELECT service_desk_key AS key, started_at AS started FROM service_desk_link
      WHERE state = 'linked' AND bug_key IS NOT NULL AND resolved_at IS NULL ORDER BY started_at`,
  );
  rows.forEach((row, i) => {
    const startedAt = row.started.getTime();
    const age = Math.max(HOUR, Math.floor((now.getTime() - startedAt) / 60_000) * 60_000); // whole minutes, as JSM counts
    const part = (fraction: number) => Math.round(age * fraction);
    const firstResponse = slaMetric.met('1', 'Time to first response', { startedAt, stoppedAt: startedAt + part(0.1), goalMs: part(0.2) });
    const resolution = (kind: 'breached' | 'paused' | 'atRisk' | 'running'): SimSlaMetric => {
      const elapsedMs = part(kind === 'paused' ? 0.5 : 0.9);
      if (kind === 'breached') return slaMetric.breached('2', 'Time to resolution', { startedAt, goalMs: part(0.6), elapsedMs, withinCalendarHours: true });
      if (kind === 'paused') return slaMetric.paused('2', 'Time to resolution', { startedAt, goalMs: part(0.8), elapsedMs, withinCalendarHours: true });
      const goalMs = Math.round(kind === 'atRisk' ? elapsedMs / 0.88 : elapsedMs * 3);
      return slaMetric.running('2', 'Time to resolution', { startedAt, goalMs, elapsedMs, withinCalendarHours: true });
    };
    const kind = (['breached', 'paused', 'atRisk'] as const)[i] ?? 'running';
    sim.setSla(row.key, kind === 'paused' ? [resolution(kind)] : [firstResponse, resolution(kind)]);
  });
  return rows.map((r) => r.key);
}
