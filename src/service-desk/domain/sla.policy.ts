import type { JiraIssue } from '../../jira/jira.types.js';

/** The SLA priority rules of product.md (which priority the client's SLA runs at), as plain functions. */
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

/** A service desk ticket's effective priority, its environment read from the configured field. */
export function ticketPriority(
  ticket: JiraIssue,
  environmentField: string | undefined,
  testEnvironments: string[],
): EffectivePriority & { environment: string | null } {
  const environment = environmentField ? environmentOf(ticket.fields[environmentField]) : null;
  return { ...effectivePriority(ticket.priority, environment, testEnvironments), environment };
}
