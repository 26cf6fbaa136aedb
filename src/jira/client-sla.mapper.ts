import type { ServiceDeskModels } from 'jira.js';
import type { ClientSlaMetric, ClientSlaState } from './jira.types.js';

type DateDto = ServiceDeskModels.Date | undefined;

const instant = (d: DateDto): Date | null => (typeof d?.epochMillis === 'number' ? new Date(d.epochMillis) : null);
const millis = (d: ServiceDeskModels.Duration | undefined): number | null => (typeof d?.millis === 'number' ? Math.round(d.millis) : null);

/**
 * A metric of getSlaInformation as the service reads it. JSM's ongoing cycle says what the clock is now
 * (breached, else paused, else running); a metric without one is met or breached by its last completed
 * cycle; a metric with no cycle at all has not started and is left out.
 */
export function toClientSlaMetric(sla: ServiceDeskModels.SlaInformation): ClientSlaMetric | null {
  const id = sla.id;
  if (id === undefined) return null;
  const name = sla.name ?? `SLA ${id}`;
  const ongoing = sla.ongoingCycle;
  if (ongoing) {
    const state: ClientSlaState = ongoing.breached === true ? 'breached' : ongoing.paused === true ? 'paused' : 'running';
    return {
      id,
      name,
      state,
      breachAt: instant(ongoing.breachTime),
      remainingMs: millis(ongoing.remainingTime),
      goalMs: millis(ongoing.goalDuration),
      cycleStartedAt: instant(ongoing.startTime),
      withinCalendarHours: ongoing.withinCalendarHours ?? null,
      ongoing: true,
      stoppedAt: null,
    };
  }
  const last = [...(sla.completedCycles ?? [])].sort((a, b) => (instant(a.stopTime)?.getTime() ?? 0) - (instant(b.stopTime)?.getTime() ?? 0)).at(-1);
  if (!last) return null;
  return {
    id,
    name,
    state: last.breached === true ? 'breached' : 'met',
    breachAt: instant(last.breachTime),
    remainingMs: millis(last.remainingTime),
    goalMs: millis(last.goalDuration),
    cycleStartedAt: instant(last.startTime),
    withinCalendarHours: null,
    ongoing: false,
    stoppedAt: instant(last.stopTime),
  };
}
