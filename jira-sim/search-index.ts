// Jira's search index, which lags behind the issues themselves.
import type { SimState, StoredIssue } from './sim-state';

/**
 * Atlassian, "Search after write with search and reconcile" (developer.atlassian.com/cloud/jira/platform/search-and-reconcile):
 * "The API doesn't provide read-after-write consistency by default. That is, after a write operation
 * is performed, subsequent search operations using the API without the reconcileIssues parameter may
 * return stale or outdated data instead of the most recent updates for some time. The delay might
 * vary from a few seconds to minutes". With `reconcileIssues` (at most 50 ids) those issues are
 * consistent. Atlassian documents no consistency for the Agile API's board issue lists; they are JQL
 * searches too, so the simulator takes the harsher reading and lets them lag the same way.
 *
 * With a lag of `lagMs` a search sees each issue as it was `lagMs` ago: a new issue not at all, a
 * deleted one still, a rank move not yet. A lag of 0 (the default) is a strongly consistent index.
 */
export class SearchIndex {
  private lagMs = 0;
  private readonly versions = new Map<string, { at: number; json: string; issue: StoredIssue | null }[]>();

  constructor(private readonly state: SimState) {}

  get lagging(): boolean {
    return this.lagMs > 0;
  }

  /** from now on; what exists already counts as indexed long ago */
  setLag(ms: number): void {
    this.lagMs = Math.max(0, ms);
    this.versions.clear();
    if (this.lagging) for (const issue of this.state.allIssues()) this.seeded(issue.key);
  }

  /** an issue seeded into the site: indexed long ago, as it is */
  seeded(key: string): void {
    if (!this.lagging) return;
    const issue = this.state.find(key);
    if (issue) this.versions.set(issue.key, [{ at: Number.NEGATIVE_INFINITY, json: JSON.stringify(issue), issue: structuredClone(issue) }]);
  }

  /** the issue changed (or was created or deleted) just now: the index learns it `lagMs` later */
  changed(key: string): void {
    if (!this.lagging) return;
    const issue = this.state.find(key);
    const list = this.versions.get(key) ?? [];
    const json = issue ? JSON.stringify(issue) : '';
    if (list.at(-1)?.json === json) return;
    list.push({ at: this.state.clock(), json, issue: issue ? structuredClone(issue) : null });
    this.versions.set(key, list);
  }

  /** every issue as a search sees it now, in rank order; the issues whose id is in `reconciled` as they are */
  issues(reconciled: ReadonlySet<string>): StoredIssue[] {
    if (!this.lagging) return this.state.allIssues();
    const cutoff = this.state.clock() - this.lagMs;
    const seen: StoredIssue[] = [];
    for (const [key, list] of this.versions) {
      const live = this.state.find(key);
      if (live && reconciled.has(live.id)) {
        seen.push(live);
        continue;
      }
      let newest = -1;
      for (let i = 0; i < list.length && list[i]!.at <= cutoff; i++) newest = i;
      if (newest > 0) list.splice(0, newest); // what is indexed for good need not be kept
      const indexed = newest >= 0 ? list[0]!.issue : null;
      if (indexed) seen.push(indexed);
      else if (newest >= 0 && list.length === 1 && !live) this.versions.delete(key); // its deletion is indexed for good
    }
    return seen.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  }
}
