import type { JiraIssue } from '../../jira/jira.types.js';

/** The parts of a ticket the service keeps, as stored. */
export interface KnownTicket {
  statusId: string;
  assignee: string | null;
  labels: string[];
  links: { type: string; otherKey: string }[];
  sprintIds: number[];
  summary: string;
  priority: string | null;
}

/** What differs between the service's copy and Jira; empty when they agree. */
export function driftOf(known: KnownTicket | null, jira: JiraIssue): string[] {
  if (!known) return ['untracked'];
  const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  const drift: string[] = [];
  if (known.statusId !== jira.statusId) drift.push('status');
  if (known.assignee !== jira.assignee) drift.push('assignee');
  if (!sameSet(known.labels, jira.labels)) drift.push('labels');
  if (
    !sameSet(
      known.links.map((l) => `${l.type}:${l.otherKey}`),
      jira.links.map((l) => `${l.type}:${l.otherKey}`),
    )
  )
    drift.push('links');
  if (!sameSet(known.sprintIds.map(String), jira.sprintIds.map(String))) drift.push('sprint');
  if (known.summary !== jira.summary) drift.push('summary');
  if (known.priority !== jira.priority) drift.push('priority');
  return drift;
}
