import type { ClientSlaMetric } from '../../jira/jira.types.js';
import type { SlaEntry } from './sla-entry.js';

/**
 * The client's SLA is JSM's: these rules only decide when to read it again and what to tell about what
 * JSM reported. Nothing is called breached that JSM reports as met, paused or running.
 */

export type ClientSlaNotice = 'at_risk' | 'breached';

type Told = Pick<ClientSlaMetric, 'state' | 'ongoing' | 'stoppedAt' | 'remainingMs' | 'goalMs'>;

/**
 * What to tell about a metric JSM reported, once per clock cycle: breached when JSM says so (a cycle
 * that completed breached only when it stopped since the ticket was last read: an old breach is not
 * news); at risk when it runs with no more than (1 − warnAt) of its goal left. A paused or met clock
 * tells nothing.
 */
export function noticesOf(metric: Told, warnAt: number, previousReadAt: Date | null): ClientSlaNotice[] {
  if (metric.state === 'breached') {
    if (metric.ongoing) return ['breached'];
    const stoppedSinceLastRead = previousReadAt !== null && metric.stoppedAt !== null && metric.stoppedAt.getTime() > previousReadAt.getTime();
    return stoppedSinceLastRead ? ['breached'] : [];
  }
  return atRisk(metric, warnAt) ? ['at_risk'] : [];
}

/** Running with no more than (1 − warnAt) of its goal left: the service's threshold on JSM's remaining time. */
export function atRisk(metric: Told, warnAt: number): boolean {
  if (metric.state !== 'running' || metric.goalMs === null || metric.remainingMs === null || metric.goalMs <= 0) return false;
  return metric.remainingMs <= Math.round((1 - warnAt) * metric.goalMs);
}

/** The cycle a notice is told once for: its start, else (Atlassian leaves it optional) its breach time, else the one cycle there is. */
export function cycleOf(metric: Pick<ClientSlaMetric, 'cycleStartedAt' | 'breachAt'>): Date {
  return metric.cycleStartedAt ?? metric.breachAt ?? new Date(0);
}

/** A ticket whose clocks are all paused, met or breached is read this many times less often, unless Jira tells of a change to it. */
export const RESTING_FACTOR = 12;

export interface LastRead {
  readAt: Date;
  /** any metric running when last read */
  running: boolean;
  /** any metric with an ongoing cycle (running, paused or breached) when last read */
  ongoing: boolean;
}

export interface ReadContext {
  /** a webhook about the client ticket arrived since it was last read (a customer's reply can resume a paused clock) */
  changedInJira: boolean;
  /** when its bug was deployed to D; null while it is not */
  deployedAt: Date | null;
}

/** A client ticket whose bug was deployed before the service first read it is read only if that was recent (an upgrade reads no history). */
export const FIRST_READ_AFTER_DEPLOY_MS = 7 * 24 * 3_600_000;

/**
 * Whether a client ticket's SLA is read in this pass: never read yet (unless its bug was deployed long
 * before); changed in Jira since the last read; once its bug is deployed and no clock of it is ongoing,
 * not otherwise; a running clock, once per SLA_CHECK_SECONDS; otherwise once per RESTING_FACTOR of that.
 * `checkMs` less a tenth, so that a pass late by a few milliseconds does not skip a round.
 */
export function readDue(last: LastRead | null, now: Date, checkMs: number, context: ReadContext): boolean {
  if (!last) return context.deployedAt === null || now.getTime() - context.deployedAt.getTime() < FIRST_READ_AFTER_DEPLOY_MS;
  if (context.changedInJira) return true; // e.g. a request reopened after the deploy: JSM may start a new cycle
  if (context.deployedAt !== null && !last.ongoing) return false;
  const every = (last.running ? 1 : RESTING_FACTOR) * checkMs;
  return now.getTime() - last.readAt.getTime() >= every - checkMs / 10;
}

/** Back off after JSM's 429: its Retry-After when it gives one, else twice the last wait (from one check period), at most an hour. */
export function backoffMs(retryAfterMs: number | null, previousMs: number, checkMs: number): number {
  if (retryAfterMs !== null && retryAfterMs > 0) return Math.min(retryAfterMs, 3_600_000);
  return Math.min(previousMs > 0 ? previousMs * 2 : checkMs, 3_600_000);
}

/** A metric as an entry of a ticket's `sla` list. */
export function jsmEntry(serviceDeskKey: string, metric: Pick<ClientSlaMetric, 'name' | 'breachAt'> & Told, warnAt: number): SlaEntry {
  return {
    name: metric.name,
    state: metric.state,
    breachAt: metric.breachAt ? metric.breachAt.toISOString() : null,
    remainingMs: metric.remainingMs,
    source: 'jsm',
    serviceDeskKey,
    atRisk: atRisk(metric, warnAt),
  };
}
