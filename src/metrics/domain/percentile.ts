/**
 * Nearest-rank percentile: the smallest sample that at least p% of the samples are at or below,
 * i.e. the sample at rank ⌈p/100 · n⌉ of the sorted samples. Always one of the samples (no
 * interpolation), so a hand count on a short list gives the same number. null without samples.
 */
export function nearestRank(sortedAscending: readonly number[], p: number): number | null {
  if (sortedAscending.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sortedAscending.length));
  return sortedAscending[rank - 1];
}
