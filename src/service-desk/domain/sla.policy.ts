import type { JiraIssue } from '../../jira/jira.types.js';

/** The SLA rules of product.md, as plain functions. */
export const PRIORITIES = ['Critical', 'High', 'Medium', 'Low'] as const;

export interface EffectivePriority {
  reported: string | null;
  effective: string | null;
  /** why the effective priority differs from the reported one, when it does */
  reason: string | null;
}

/** A JSM field value as Jira sends it: a string, a select option {value}, or a list of either. */
export function environmentOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return value.map(environmentOf).filter(Boolean).join(', ') || null;
  if (typeof value === 'object') {
    const v = value as { value?: unknown; name?: unknown };
    return environmentOf(v.value ?? v.name);
  }
  return String(value);
}

export function isTestEnvironment(environment: string | null, testEnvironments: string[]): boolean {
  if (!environment) return false;
  const words = environment
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return testEnvironments.some((t) => {
    const wanted = t.trim().toLowerCase();
    return environment.trim().toLowerCase() === wanted || words.includes(wanted);
  });
}

/** Critical or High reported in a test environment counts as Medium. */
export function effectivePriority(reported: string | null, environment: string | null, testEnvironments: string[]): EffectivePriority {
  const downgraded = (reported === 'Critical' || reported === 'High') && isTestEnvironment(environment, testEnvironments);
  return downgraded
    ? { reported, effective: 'Medium', reason: `${reported} reported in a test environment (${environment}) counts as Medium` }
    : { reported, effective: reported, reason: null };
}

export interface SlaTargets {
  responseMinutes: number;
  resolutionMinutes: number;
}

export interface SlaClock {
  key: string;
  priority: string | null;
  startedAt: Date;
  respondedAt: Date | null;
  resolvedAt: Date | null;
}

export type SlaKind = 'response' | 'resolution';

export interface SlaBreach {
  key: string;
  kind: SlaKind;
  priority: string;
  dueAt: Date;
}

/**
 * Response runs from triage to pickup, resolution from triage to the deploy to D. A clock that
 * stopped in time, or that has no target for its priority, never breaches.
 */
export function breachesOf(clock: SlaClock, targets: Record<string, SlaTargets>, now: Date): SlaBreach[] {
  const target = clock.priority ? targets[clock.priority] : undefined;
  if (!target || !clock.priority) return [];
  const out: SlaBreach[] = [];
  const check = (kind: SlaKind, minutes: number, stoppedAt: Date | null) => {
    const dueAt = new Date(clock.startedAt.getTime() + minutes * 60_000);
    const end = stoppedAt ?? now;
    if (end.getTime() > dueAt.getTime()) out.push({ key: clock.key, kind, priority: clock.priority!, dueAt });
  };
  check('response', target.responseMinutes, clock.respondedAt);
  check('resolution', target.resolutionMinutes, clock.resolvedAt);
  return out;
}

export interface SlaWarning extends SlaBreach {
  /** when `warnAt` of the target had passed */
  warnAt: Date;
}

/**
 * A running clock past `fraction` of its target but not yet due is at risk. A clock already stopped
 * or already breached is not (the breach is reported instead): so a clock warns at most once, before it breaches.
 */
export function warningsOf(clock: SlaClock, targets: Record<string, SlaTargets>, now: Date, fraction: number): SlaWarning[] {
  const target = clock.priority ? targets[clock.priority] : undefined;
  if (!target || !clock.priority) return [];
  const start = clock.startedAt.getTime();
  const kinds: [SlaKind, number, Date | null][] = [
    ['response', target.responseMinutes, clock.respondedAt],
    ['resolution', target.resolutionMinutes, clock.resolvedAt],
  ];
  return kinds.flatMap(([kind, minutes, stoppedAt]): SlaWarning[] => {
    const warnAt = new Date(start + fraction * minutes * 60_000);
    const dueAt = new Date(start + minutes * 60_000);
    const atRisk = stoppedAt === null && now.getTime() >= warnAt.getTime() && now.getTime() < dueAt.getTime();
    return atRisk ? [{ key: clock.key, kind, priority: clock.priority!, dueAt, warnAt }] : [];
  });
}

/** A service desk ticket's effective priority, its environment read from the configured field. */
export function ticketPriority(
  ticket: JiraIssue,
  environmentField: string | undefined,
  testEnvironments: string[],
): EffectivePriority & { environment: string | null } {
  const environment = environmentField ? environmentOf(ticket.fields[environmentField]) : null;
  return { ...effectivePriority(ticket.priority, environment, testEnvironments), environment };
}
