import type { JiraSimulator } from '../../test/jira-sim';

interface StoredLike {
  key: string;
  rank: string;
}

interface SimStateInternals {
  issues: Map<string, StoredLike>;
  insert(issue: Omit<StoredLike, 'rank'>): StoredLike;
}

/**
 * Runs `seed` (calls of `sim.seedIssue`, `seedBug`, …) with short ranks. The simulator's own append
 * (SimState.insert) sorts every issue to find the last rank, and its next rank is one character
 * longer every five issues (2,000 characters at 10k), so seeding 10k issues takes about a minute
 * and every search then sorts kilobyte strings: a cost of the simulator, not of the service, that
 * would swamp the figures. Until the simulator keeps its last rank and appends short ranks (see
 * bench/README.md), the bench swaps that one method on this instance while it seeds.
 */
export function withShortRanks(sim: JiraSimulator, seed: () => void): void {
  const state = (sim as unknown as { state: SimStateInternals }).state;
  if (!(state?.issues instanceof Map) || typeof state.insert !== 'function') throw new Error('the simulator no longer has the SimState the bench seeds through');
  let n = state.issues.size;
  state.insert = (issue) => {
    if (state.issues.has(issue.key)) throw new Error(`Issue ${issue.key} already exists`);
    const stored = { ...issue, rank: `0|${(n++).toString(36).padStart(6, '0')}i` };
    state.issues.set(issue.key, stored);
    return stored;
  };
  try {
    seed();
  } finally {
    delete (state as Partial<SimStateInternals>).insert; // back to the prototype's method
  }
}
