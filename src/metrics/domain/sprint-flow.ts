import type { AuditFact, FlowMetricsWindow, SprintFlow } from './flow-metrics.types.js';

interface Bucket extends SprintFlow {
  before: boolean;
}

/**
 * Sprints are the spans between the `rota.sprint_started` events the service recorded. What
 * happened before the first start it saw belongs to the sprint closed just before that start, or,
 * when it saw no start at all, to the sprint it knows as active.
 */
export function sprintFlow(
  ordered: readonly AuditFact[],
  window: FlowMetricsWindow,
  deployed: readonly { key: string; at: Date }[],
  violations: readonly Date[],
): SprintFlow[] {
  const buckets = bucketsOf(ordered, window);
  const bucketAt = (at: Date) => buckets.findLast((b) => b.startedAt === null || b.startedAt <= at)!;
  for (const d of deployed) {
    const bucket = bucketAt(d.at);
    bucket.throughput++;
    bucket.deployed.push(d.key);
  }
  for (const at of violations) bucketAt(at).violations++;
  const overlaps = (b: Bucket) => (b.startedAt === null || b.startedAt <= window.to) && (b.endedAt === null || b.endedAt > window.from);
  const shown = buckets.filter((b) => overlaps(b) && (!b.before || buckets.length === 1 || b.throughput + b.violations > 0));
  return shown.map(({ before: _before, ...sprint }) => sprint);
}

function bucketsOf(ordered: readonly AuditFact[], window: FlowMetricsWindow): Bucket[] {
  const starts = ordered.filter((e) => e.type === 'rota.sprint_started'); // all of them: a later start ends the last sprint of the window
  const first = starts[0];
  const closedBefore = first ? ordered.findLast((e) => e.type === 'rota.sprint_closed' && e.seq < first.seq) : undefined;
  const beforeId = first ? sprintIdOf(closedBefore) : window.activeSprintId;
  const empty = { throughput: 0, violations: 0 };
  return [
    { sprintId: beforeId, startedAt: null, endedAt: first?.at ?? null, before: true, deployed: [], ...empty },
    ...starts.map((s, i) => ({ sprintId: sprintIdOf(s), startedAt: s.at, endedAt: starts[i + 1]?.at ?? null, before: false, deployed: [], ...empty })),
  ];
}

function sprintIdOf(event: AuditFact | undefined): number | null {
  const id = Number(event?.data.sprintId);
  return event && Number.isFinite(id) ? id : null;
}
