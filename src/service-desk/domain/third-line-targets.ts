import type { WorkingCalendar } from '../../config/working-calendar.js';
import type { SlaEntry } from './sla-entry.js';
import { addWorkingMinutes, workingMinutesBetween } from './working-time.js';

/**
 * The 3rd-line targets (SLA_TARGETS): this flow's own internal measure, never the client's SLA (that
 * one is JSM's). Response runs from triage to pickup, resolution from triage to the deploy to D; both
 * count working time in SLA_CALENDAR when it is set, wall time otherwise.
 */
export interface TargetMinutes {
  responseMinutes: number;
  resolutionMinutes: number;
}

export interface TargetClock {
  key: string;
  priority: string | null;
  startedAt: Date;
  respondedAt: Date | null;
  resolvedAt: Date | null;
}

export type TargetKind = 'response' | 'resolution';

export const TARGET_NAMES: Record<TargetKind, string> = {
  response: '3rd-line target: triage → pickup',
  resolution: '3rd-line target: triage → deployed to D',
};

export interface TargetMiss {
  key: string;
  kind: TargetKind;
  priority: string;
  dueAt: Date;
}

export interface TargetWarning extends TargetMiss {
  /** when `warnAt` of the target had passed */
  warnAt: Date;
}

interface Leg {
  kind: TargetKind;
  minutes: number;
  stoppedAt: Date | null;
}

function legsOf(clock: TargetClock, targets: Record<string, TargetMinutes>): { priority: string; legs: Leg[] } | null {
  const target = clock.priority ? targets[clock.priority] : undefined;
  if (!target || !clock.priority) return null;
  return {
    priority: clock.priority,
    legs: [
      { kind: 'response', minutes: target.responseMinutes, stoppedAt: clock.respondedAt },
      { kind: 'resolution', minutes: target.resolutionMinutes, stoppedAt: clock.resolvedAt },
    ],
  };
}

/** A target whose clock stopped after it was due, or is still running past it. A stopped clock in time, or no target for the priority: none. */
export function missesOf(clock: TargetClock, targets: Record<string, TargetMinutes>, now: Date, calendar: WorkingCalendar | null): TargetMiss[] {
  const of = legsOf(clock, targets);
  if (!of) return [];
  return of.legs.flatMap(({ kind, minutes, stoppedAt }): TargetMiss[] => {
    const dueAt = addWorkingMinutes(clock.startedAt, minutes, calendar);
    return (stoppedAt ?? now).getTime() > dueAt.getTime() ? [{ key: clock.key, kind, priority: of.priority, dueAt }] : [];
  });
}

/**
 * A running clock past `fraction` of its target but not yet due is at risk. A clock already stopped
 * or already missed is not (the miss is reported instead): so a target warns at most once, before it is missed.
 */
export function warningsOf(
  clock: TargetClock,
  targets: Record<string, TargetMinutes>,
  now: Date,
  fraction: number,
  calendar: WorkingCalendar | null,
): TargetWarning[] {
  const of = legsOf(clock, targets);
  if (!of) return [];
  return of.legs.flatMap(({ kind, minutes, stoppedAt }): TargetWarning[] => {
    const warnAt = addWorkingMinutes(clock.startedAt, fraction * minutes, calendar);
    const dueAt = addWorkingMinutes(clock.startedAt, minutes, calendar);
    const atRisk = stoppedAt === null && now.getTime() >= warnAt.getTime() && now.getTime() < dueAt.getTime();
    return atRisk ? [{ key: clock.key, kind, priority: of.priority, dueAt, warnAt }] : [];
  });
}

/**
 * The targets as entries of a ticket's `sla` list (source "3rd-line"): met or missed ("breached") once
 * stopped, paused outside working hours, running otherwise; remaining time in working time.
 */
export function targetEntries(clock: TargetClock, targets: Record<string, TargetMinutes>, now: Date, calendar: WorkingCalendar | null): SlaEntry[] {
  const of = legsOf(clock, targets);
  if (!of) return [];
  return of.legs.map(({ kind, minutes, stoppedAt }): SlaEntry => {
    const dueAt = addWorkingMinutes(clock.startedAt, minutes, calendar);
    const at = stoppedAt ?? now;
    const late = at.getTime() > dueAt.getTime();
    const remainingMs = Math.round((late ? -workingMinutesBetween(dueAt, at, calendar) : workingMinutesBetween(at, dueAt, calendar)) * 60_000);
    const counting = calendar === null || addWorkingMinutes(now, 0, calendar).getTime() === now.getTime();
    const state = stoppedAt ? (late ? 'breached' : 'met') : late ? 'breached' : counting ? 'running' : 'paused';
    return { name: TARGET_NAMES[kind], state, breachAt: dueAt.toISOString(), remainingMs, source: '3rd-line' };
  });
}
