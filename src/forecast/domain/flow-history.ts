import type { FlowHistory } from './forecast.types.js';

/**
 * The history a forecast samples: the `limit` most recent cycle times, and for each of those
 * deploys the gap to the first pickup after it (a deploy with no pickup after it yet gives no gap:
 * that wait is still running, and the forecast treats it as the free slot's age).
 */
export function flowHistory(cycles: readonly { start: Date; end: Date }[], pickups: readonly Date[], limit: number): FlowHistory {
  const recent = [...cycles].sort((a, b) => a.end.getTime() - b.end.getTime()).slice(-limit);
  const starts = pickups.map((p) => p.getTime()).sort((a, b) => a - b);
  const gapsMs = recent.flatMap((c) => {
    const next = starts.find((p) => p >= c.end.getTime());
    return next === undefined ? [] : [next - c.end.getTime()];
  });
  return { cyclesMs: recent.map((c) => c.end.getTime() - c.start.getTime()), gapsMs };
}
