import type { AuditFact, DurationSample, DurationStats, FlowMetrics, FlowMetricsWindow } from './flow-metrics.types.js';
import { nearestRank } from './percentile.js';
import { sprintFlow } from './sprint-flow.js';

const HOUR_MS = 3_600_000;

/** Where one ticket is in its way from Triage to deployed, while the log is read in order. */
interface TicketClock {
  /** the first event of the ticket the service recorded (since its last deploy) */
  seenAt?: Date;
  triagedAt?: Date;
  pickedUpAt?: Date;
  /** the holder's last own status move after its pickup (the service's echoes excepted) */
  lastMoveAt?: Date;
}

interface Fold {
  clocks: Map<string, TicketClock>;
  lead: DurationSample[];
  cycle: DurationSample[];
  blocked: DurationSample[];
  deployed: { key: string; at: Date }[];
  violations: Date[];
}

/**
 * Flow metrics from the audit log alone, for fixes deployed in [from, to]:
 * - lead time: the ticket first entering Triage (`ticket.tracked`, `escalation.created`, or a status
 *   change into a Triage status, whichever comes first; when the service never saw it in Triage, the
 *   first time it saw it at all) → its slot released as `deployed`;
 * - cycle time: the `slot.pickup` that started the occupancy → that release;
 * - blocked on deploy: the holder's last own status move after the pickup (typically into Done) →
 *   that release, i.e. how long the slot sat finished but waiting for the deploy; a holder never
 *   moved after its pickup gives no sample;
 * - per sprint: deployed releases (throughput) and violations in the window.
 * A deployed ticket that comes back starts a new lead time.
 */
export function flowMetrics(events: readonly AuditFact[], window: FlowMetricsWindow): FlowMetrics {
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const fold: Fold = { clocks: new Map(), lead: [], cycle: [], blocked: [], deployed: [], violations: [] };
  for (const event of ordered) if (event.at <= window.to) apply(fold, event, window);
  return {
    from: window.from,
    to: window.to,
    unit: 'hours',
    leadTime: stats(fold.lead),
    cycleTime: stats(fold.cycle),
    blockedOnDeploy: stats(fold.blocked),
    sprints: sprintFlow(ordered, window, fold.deployed, fold.violations),
  };
}

function apply(fold: Fold, e: AuditFact, window: FlowMetricsWindow): void {
  if (!e.ticketKey) return;
  const inWindow = e.at >= window.from;
  if (e.type === 'violation') {
    if (inWindow) fold.violations.push(e.at);
    return;
  }
  const clock = fold.clocks.get(e.ticketKey) ?? {};
  fold.clocks.set(e.ticketKey, clock);
  clock.seenAt ??= e.at;
  switch (e.type) {
    case 'ticket.tracked':
    case 'escalation.created':
      clock.triagedAt ??= e.at;
      return;
    case 'ticket.status_changed':
      if (window.triageStatusIds.includes(String(e.data.toId))) clock.triagedAt ??= e.at;
      if (clock.pickedUpAt && e.data.echo !== true) clock.lastMoveAt = e.at;
      return;
    case 'slot.pickup':
      Object.assign(clock, { pickedUpAt: e.at, lastMoveAt: undefined });
      return;
    case 'slot.released':
      if (e.data.reason === 'deployed' && inWindow) recordDeploy(fold, e.ticketKey, clock, e.at);
      if (e.data.reason === 'deployed') Object.assign(clock, { seenAt: undefined, triagedAt: undefined });
      Object.assign(clock, { pickedUpAt: undefined, lastMoveAt: undefined });
  }
}

function recordDeploy(fold: Fold, key: string, clock: TicketClock, at: Date): void {
  fold.deployed.push({ key, at });
  const triaged = clock.triagedAt ?? clock.seenAt;
  if (triaged) fold.lead.push(sample(key, triaged, at));
  if (clock.pickedUpAt) fold.cycle.push(sample(key, clock.pickedUpAt, at));
  if (clock.lastMoveAt) fold.blocked.push(sample(key, clock.lastMoveAt, at));
}

function sample(key: string, start: Date, end: Date): DurationSample {
  return { key, start, end, hours: (end.getTime() - start.getTime()) / HOUR_MS };
}

function stats(samples: DurationSample[]): DurationStats {
  const sorted = samples.map((s) => s.hours).sort((a, b) => a - b);
  const at = (p: number) => {
    const value = nearestRank(sorted, p);
    return value === null ? null : round(value);
  };
  return { count: samples.length, p50: at(50), p85: at(85), p95: at(95), samples: samples.map((s) => ({ ...s, hours: round(s.hours) })) };
}

const round = (hours: number) => Math.round(hours * 100) / 100;
