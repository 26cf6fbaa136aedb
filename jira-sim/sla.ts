// JSM SLA metrics of a customer request: what a test or the demo sets (`JiraSimulator.setSla`), and
// the answer of Get SLA information (getSlaInformation):
// https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-sla-get
// A PagedDTO of SlaInformationDTO {id, name, completedCycles, ongoingCycle, _links: {self}}: a metric has zero or more
// completed cycles and at most one ongoing cycle. Dates are DateDTO {iso8601, jira, friendly, epochMillis}, durations
// DurationDTO {millis, friendly}. Every property of these DTOs is optional in Atlassian's document (and in jira.js 5.4.0's
// serviceDesk models); the harsher reading is taken where it matters:
// - an ongoing cycle's breachTime ("would have breached its limit"; Optional<Instant> in JSM's Java API) is left out while
//   the clock is paused: when it breaches depends on when it resumes;
// - `slaDisplayFormat` ("Format in which SLA is to be displayed in the UI", its values undocumented) is never sent;
// - a cycle is breached once its remaining time is ≤ 0 (remaining = goal − elapsed, negative once breached).
// Running clocks follow the simulator's clock; `withinCalendarHours` is reported as set, and the simulator counts every
// millisecond of its clock as calendar time (no working-hours calendar is modelled).

/** the clock of a metric now, as it was when set with setSla (a running one advances with the simulator's clock) */
export interface SimSlaCycle {
  startedAt: number;
  goalMs: number;
  /** elapsed time when set; while not paused, the simulator's clock adds what passed since */
  elapsedMs: number;
  paused: boolean;
  withinCalendarHours: boolean;
}

/** a cycle that stopped: met when elapsed < goal, else breached */
export interface SimSlaCompletedCycle {
  startedAt: number;
  stoppedAt: number;
  goalMs: number;
  elapsedMs: number;
}

/** one SLA metric of a request, e.g. "Time to first response"; no ongoing and no completed cycle: not started */
export interface SimSlaMetric {
  /** numeric, as JSM's metric ids are (getSlaInformationById's slaMetricId is an integer) */
  id: string;
  name: string;
  ongoing: SimSlaCycle | null;
  completed: SimSlaCompletedCycle[];
}

export interface SlaClockOptions {
  startedAt: number;
  goalMs: number;
  elapsedMs: number;
  /** default false (a 24/7 calendar) */
  withinCalendarHours?: boolean;
  /** earlier cycles of the metric (default none): see `completedCycle` */
  completed?: SimSlaCompletedCycle[];
}

export interface SlaCompletedOptions {
  startedAt: number;
  stoppedAt: number;
  goalMs: number;
  /** default stoppedAt − startedAt (never paused) */
  elapsedMs?: number;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`SLA metric: ${message}`);
}

/** an earlier cycle of a metric (met when elapsed < goal, else breached) */
export function completedCycle(options: SlaCompletedOptions): SimSlaCompletedCycle {
  const elapsedMs = options.elapsedMs ?? options.stoppedAt - options.startedAt;
  check(options.goalMs > 0, `goalMs must be > 0 (was ${options.goalMs})`);
  check(options.stoppedAt >= options.startedAt, 'a cycle cannot stop before it starts');
  check(elapsedMs >= 0 && elapsedMs <= options.stoppedAt - options.startedAt, `elapsedMs ${elapsedMs} is more than the cycle lasted`);
  return { startedAt: options.startedAt, stoppedAt: options.stoppedAt, goalMs: options.goalMs, elapsedMs };
}

function ongoing(id: string, name: string, options: SlaClockOptions, paused: boolean): SimSlaMetric {
  check(options.goalMs > 0, `goalMs must be > 0 (was ${options.goalMs})`);
  check(options.elapsedMs >= 0, `elapsedMs must be ≥ 0 (was ${options.elapsedMs})`);
  const cycle: SimSlaCycle = {
    startedAt: options.startedAt,
    goalMs: options.goalMs,
    elapsedMs: options.elapsedMs,
    paused,
    withinCalendarHours: options.withinCalendarHours ?? false,
  };
  return { id, name, ongoing: cycle, completed: (options.completed ?? []).map((c) => ({ ...c })) };
}

/** Builders of `SimSlaMetric` for `JiraSimulator.setSla(key, metrics)`. */
export const slaMetric = {
  /** an ongoing clock within its goal (elapsed < goal); it breaches as the simulator's clock passes the goal */
  running(id: string, name: string, options: SlaClockOptions): SimSlaMetric {
    check(options.elapsedMs < options.goalMs, `a running clock is within its goal (elapsed ${options.elapsedMs} ≥ goal ${options.goalMs}: use breached)`);
    return ongoing(id, name, options, false);
  },
  /** an ongoing clock that is paused (breached if elapsed ≥ goal); no breachTime, elapsed stays as set */
  paused(id: string, name: string, options: SlaClockOptions): SimSlaMetric {
    return ongoing(id, name, options, true);
  },
  /** an ongoing clock past its goal (elapsed ≥ goal): breached, remaining time negative (or 0) */
  breached(id: string, name: string, options: SlaClockOptions): SimSlaMetric {
    check(options.elapsedMs >= options.goalMs, `a breached clock is past its goal (elapsed ${options.elapsedMs} < goal ${options.goalMs}: use running)`);
    return ongoing(id, name, options, false);
  },
  /** no ongoing clock; one completed cycle stopped within its goal */
  met(id: string, name: string, options: SlaCompletedOptions): SimSlaMetric {
    const cycle = completedCycle(options);
    check(cycle.elapsedMs < cycle.goalMs, `a met cycle stopped within its goal (elapsed ${cycle.elapsedMs} ≥ goal ${cycle.goalMs}: use missed)`);
    return { id, name, ongoing: null, completed: [cycle] };
  },
  /** no ongoing clock; one completed cycle stopped past its goal (breached) */
  missed(id: string, name: string, options: SlaCompletedOptions): SimSlaMetric {
    const cycle = completedCycle(options);
    check(cycle.elapsedMs >= cycle.goalMs, `a missed cycle stopped past its goal (elapsed ${cycle.elapsedMs} < goal ${cycle.goalMs}: use met)`);
    return { id, name, ongoing: null, completed: [cycle] };
  },
  /** a metric whose clock has not started: JSM lists it with no cycle at all */
  notStarted(id: string, name: string): SimSlaMetric {
    return { id, name, ongoing: null, completed: [] };
  },
};

/** refuses what JSM cannot have (used by setSla; `now` is the simulator's clock) */
export function validateSlaMetrics(metrics: SimSlaMetric[], now: number): void {
  const ids = new Set<string>();
  for (const metric of metrics) {
    check(/^\d+$/.test(metric.id), `id '${metric.id}' is not numeric (JSM's slaMetricId is an integer)`);
    check(!ids.has(metric.id), `id ${metric.id} is given twice`);
    ids.add(metric.id);
    const cycle = metric.ongoing;
    if (cycle) {
      check(cycle.goalMs > 0 && cycle.elapsedMs >= 0, `${metric.id}: goalMs must be > 0 and elapsedMs ≥ 0`);
      check(cycle.elapsedMs <= now - cycle.startedAt, `${metric.id}: elapsedMs ${cycle.elapsedMs} is more than the clock ran since it started`);
    }
    for (const c of metric.completed) completedCycle(c);
  }
}

type DateDto = Record<string, unknown>;

const durationDto = (ms: number): { millis: number; friendly: string } => ({ millis: ms, friendly: friendlyDuration(ms) });

/** JSM's friendly durations: "4h 0m", "-0h 30m" once breached */
export function friendlyDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  return `${ms < 0 ? '-' : ''}${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/**
 * The SlaInformationDTO of a metric at `now`; `setAt` is when it was set (a running clock's elapsed time grows by now − setAt).
 */
export function slaInformation(metric: SimSlaMetric, setAt: number, now: number, self: string, date: (ms: number) => DateDto): Record<string, unknown> {
  const completedCycles = metric.completed.map((c) => {
    const remaining = c.goalMs - c.elapsedMs;
    return {
      startTime: date(c.startedAt),
      stopTime: date(c.stoppedAt),
      // "breached in case of completed breached cycle or would have breached in case of non-breached completed cycle"
      breachTime: date(c.stoppedAt + remaining),
      breached: remaining <= 0,
      goalDuration: durationDto(c.goalMs),
      elapsedTime: durationDto(c.elapsedMs),
      remainingTime: durationDto(remaining),
    };
  });
  const answer: Record<string, unknown> = { id: metric.id, name: metric.name, _links: { self }, completedCycles };
  const cycle = metric.ongoing;
  if (cycle) {
    const elapsed = cycle.elapsedMs + (cycle.paused ? 0 : Math.max(0, now - setAt));
    const remaining = cycle.goalMs - elapsed;
    answer.ongoingCycle = {
      startTime: date(cycle.startedAt),
      // a running clock breaches (or breached) when its remaining time reaches 0; a paused one has no breach time
      ...(cycle.paused ? {} : { breachTime: date(now + remaining) }),
      breached: remaining <= 0,
      paused: cycle.paused,
      withinCalendarHours: cycle.withinCalendarHours,
      goalDuration: durationDto(cycle.goalMs),
      elapsedTime: durationDto(elapsed),
      remainingTime: durationDto(remaining),
    };
  }
  return answer;
}
