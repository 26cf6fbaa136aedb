import type { ClientSlaMetric } from '../../jira/jira.types.js';
import type { SlaEntry } from './sla-entry.js';

/**
 * The client's SLA is JSM's: these rules only decide when to read it again and what to tell about what
 * JSM reported. Nothing is called breached that JSM reports as met, paused or running.
 */

export type ClientSlaNotice = 'at_risk' | 'breached';

/**
 * What to tell about a metric JSM reported, once per clock cycle: breached when JSM says so; at risk
 * when it runs with no more than (1 − warnAt) of its goal left. A paused or met clock tells nothing.
 */
export function noticesOf(metric: ClientSlaMetric, warnAt: number): ClientSlaNotice[] {
  if (metric.cycleStartedAt === null) return []; // no cycle to tell once about
  if (metric.state === 'breached') return ['breached'];
  if (metric.state !== 'running' || metric.goalMs === null || metric.remainingMs === null || metric.goalMs <= 0) return [];
  return metric.remainingMs <= Math.round((1 - warnAt) * metric.goalMs) ? ['at_risk'] : [];
}

/** A ticket whose clocks are all paused, met or breached is read this many times less often: a customer's reply can restart one. */
export const RESTING_FACTOR = 12;

export interface LastRead {
  readAt: Date;
  /** any metric running when last read */
  running: boolean;
}

/**
 * Whether a client ticket's SLA is read in this pass: never read yet; a running clock, once per
 * SLA_CHECK_SECONDS; otherwise once per RESTING_FACTOR of that. `checkMs` less a tenth, so that a pass
 * late by a few milliseconds does not skip a round.
 */
export function readDue(last: LastRead | null, now: Date, checkMs: number): boolean {
  if (!last) return true;
  const every = (last.running ? 1 : RESTING_FACTOR) * checkMs;
  return now.getTime() - last.readAt.getTime() >= every - checkMs / 10;
}

/** Back off after JSM's 429: its Retry-After when it gives one, else twice the last wait (from one check period), at most an hour. */
export function backoffMs(retryAfterMs: number | null, previousMs: number, checkMs: number): number {
  if (retryAfterMs !== null && retryAfterMs > 0) return Math.min(retryAfterMs, 3_600_000);
  return Math.min(previousMs > 0 ? previousMs * 2 : checkMs, 3_600_000);
}

/** A metric as an entry of a ticket's `sla` list. */
export function jsmEntry(
  serviceDeskKey: string,
  metric: Pick<ClientSlaMetric, 'name' | 'state' | 'breachAt' | 'remainingMs' | 'goalMs' | 'cycleStartedAt'>,
  warnAt: number,
): SlaEntry {
  return {
    name: metric.name,
    state: metric.state,
    breachAt: metric.breachAt ? metric.breachAt.toISOString() : null,
    remainingMs: metric.remainingMs,
    source: 'jsm',
    serviceDeskKey,
    atRisk: metric.state === 'running' && noticesOf({ ...metric, id: '', withinCalendarHours: null }, warnAt).includes('at_risk'),
  };
}
