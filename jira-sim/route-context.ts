// What the REST route handlers share: the state, JSON shapes, actions and request helpers.
import { JiraHttpError } from './jira-error';
import type { JiraJson } from './jira-json';
import { JqlError, isUnbounded, searchJql } from './jql';
import type { IssueActions } from './issue-actions';
import type { SearchIndex } from './search-index';
import { SimJql } from './sim-jql';
import type { SimState, StoredIssue } from './sim-state';

export class RouteContext {
  private readonly jql: SimJql;
  /** the last searches' results, for as long as nothing changes: the pages of one read are slices of one search */
  private readonly results = new Map<string, { version: number; issues: StoredIssue[] }>();

  constructor(
    readonly state: SimState,
    readonly json: JiraJson,
    readonly actions: IssueActions,
    /** REST changes are made by the service account */
    readonly actor: string,
    readonly baseUrl: () => string,
    /** what searches read: the issues as Jira's (possibly lagging) search index has them */
    readonly index: SearchIndex,
  ) {
    this.jql = new SimJql(state);
  }

  issue(idOrKey: string): StoredIssue {
    const issue = this.state.find(idOrKey);
    if (!issue) throw JiraHttpError.issueNotFound();
    return issue;
  }

  /**
   * issues matching every given JQL (blank ones ignored), ordered by the first ORDER BY found, else
   * rank; as the search index has them (see SearchIndex), the ids in `reconcile` as they are now
   */
  search(jqls: (string | undefined | null)[], options: { requireBounded?: boolean; reconcile?: string[] } = {}): StoredIssue[] {
    const queries = jqls.filter((q): q is string => typeof q === 'string' && q.trim().length > 0);
    const lagging = this.index.lagging; // a lagging index changes with time: nothing to cache
    const cacheKey = JSON.stringify([queries, options.requireBounded ?? false]);
    const hit = lagging ? undefined : this.results.get(cacheKey);
    if (hit?.version === this.state.version) return hit.issues; // callers slice and filter, never change it
    const ctx = this.jql.context(this.actor);
    try {
      if (options.requireBounded && (queries.length === 0 || queries.every((q) => isUnbounded(q)))) {
        throw JiraHttpError.badRequest('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
      }
      const indexed = lagging ? this.index.issues(new Set(options.reconcile ?? [])) : null;
      let views = indexed ? indexed.map((issue, i) => this.jql.view(issue, i)) : this.jql.views();
      const ordering = [...queries].reverse().find((q) => /\border\s+by\b/i.test(q));
      for (const q of queries) views = searchJql(q, views, ctx);
      if (ordering !== undefined) views = searchJql(ordering, views, ctx);
      if (this.results.size > 50) this.results.clear();
      if (indexed) {
        const byKey = new Map(indexed.map((i) => [i.key, i]));
        return views.map((v) => byKey.get(v.key)!);
      }
      const issues = views.map((v) => this.state.require(v.key));
      this.results.set(cacheKey, { version: this.state.version, issues });
      return issues;
    } catch (e) {
      if (e instanceof JqlError) throw JiraHttpError.badRequest(e.message);
      throw e;
    }
  }

  /** the `fields` parameter: repeated and/or comma-separated */
  static fieldsParam(query: URLSearchParams): string[] | undefined {
    const values = query
      .getAll('fields')
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    return values.length > 0 ? values : undefined;
  }

  static int(query: URLSearchParams, name: string, fallback: number): number {
    const value = Number.parseInt(query.get(name) ?? '', 10);
    return Number.isFinite(value) && value >= 0 ? value : fallback;
  }

  static object(body: unknown): Record<string, unknown> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw JiraHttpError.badRequest('The request body must be a JSON object.');
    }
    return body as Record<string, unknown>;
  }
}
