import { ok, refused } from '../../common/result.js';
import { nearestRank } from '../../metrics/domain/percentile.js';
import type { FlowHistory, ForecastPolicy, QueueForecast, SlotNow } from './forecast.types.js';
import { seededRandom } from './seeded-random.js';

/**
 * Monte Carlo forecast of the deploy to D of each ranked Ready ticket (WIP 1: one after the other).
 * In one trial the ticket at position n waits for
 *   the rest of the ticket in the slot: a cycle time drawn among those longer than its age, minus
 *     the age (0 when it is older than every recorded cycle: its deploy is due now),
 *   or, with the slot free, the rest of the gap since the last release: a gap drawn among those
 *     longer than the time the slot has been free, minus that time (0 when none is longer);
 *   then, for itself and each of the n−1 tickets ahead, a drawn gap (deploy → next pickup; 0 when
 *   none is recorded) plus a drawn cycle time — except that the free slot's remaining gap replaces
 *   the first gap.
 * Draws are uniform over the recorded samples, with replacement; p50 and p85 are nearest-rank
 * percentiles of the trials' deploy times.
 */
export function forecastQueue(history: FlowHistory, slot: SlotNow, positions: number, now: Date, policy: ForecastPolicy): QueueForecast[] {
  if (positions <= 0) return [];
  const samples = history.cyclesMs.length;
  if (samples < policy.minSamples) {
    const reason = `only ${samples} deployed fix${samples === 1 ? '' : 'es'} in the recorded flow: a forecast needs at least ${policy.minSamples}`;
    return Array.from({ length: positions }, () => refused('too_few_samples', reason));
  }
  const random = seededRandom(policy.seed);
  const draw = (xs: readonly number[]) => (xs.length ? xs[Math.floor(random() * xs.length)] : 0);
  const restOf = (xs: readonly number[], age: number) => {
    const longer = xs.filter((x) => x > age);
    return () => (longer.length ? draw(longer) - age : 0);
  };
  const head = slot.state === 'held' ? restOf(history.cyclesMs, slot.forMs) : () => 0;
  const firstGap = slot.state === 'free' ? restOf(history.gapsMs, slot.forMs ?? 0) : () => draw(history.gapsMs);
  const trials = Array.from({ length: positions }, () => new Array<number>(policy.trials));
  for (let t = 0; t < policy.trials; t++) {
    let elapsed = head();
    for (let n = 0; n < positions; n++) {
      elapsed += (n === 0 ? firstGap() : draw(history.gapsMs)) + draw(history.cyclesMs);
      trials[n][t] = elapsed;
    }
  }
  return trials.map((times) => {
    const sorted = times.sort((a, b) => a - b);
    const at = (p: number) => new Date(now.getTime() + nearestRank(sorted, p)!);
    return ok({ p50: at(50), p85: at(85), samples });
  });
}
