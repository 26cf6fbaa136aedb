import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { notFoundAsNull } from './jira.errors.js';
import { JiraGateway } from './jira.gateway.js';

/** Jira accepts at most 50 ids in `reconcileIssues`. */
export const RECONCILE_MAX = 50;
/** Atlassian: search may lag a change "from a few seconds to minutes"; past this a change is taken as indexed. */
const RECENT_MS = 15 * 60_000;
/** the service's own changes that can move an issue into or out of a search of a board column */
const SEARCHED_CHANGES = ['transition', 'assign', 'labels', 'add_to_sprint', 'set_priority'];

/**
 * What the service knows changed in Jira lately, from its own records: the issues a Jira search must
 * be told to reconcile (Atlassian, "Search after write with search and reconcile": without
 * `reconcileIssues` a search "may return stale or outdated data … for some time"), and the moves the
 * service decided whose change Jira has not seen yet (still in the outbox).
 */
@Injectable()
export class RecentChanges {
  /** key → Jira id of the untracked issues the service changed (an id never changes) */
  private readonly ids = new Map<string, number>();
  /** ids Jira no longer has: naming one in `reconcileIssues` makes the whole search a 400 */
  private readonly gone = new Set<number>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jira: JiraGateway,
    private readonly clock: Clock,
  ) {}

  /**
   * Jira ids of the issues changed lately, at most `limit`: first those the service moved itself (a
   * pickup's move, a revert: a stale search would list them where they were), then the others (a
   * webhook applied to a tracked ticket, a field the service set), newest first. A change the service
   * made on an issue it does not track yet (an API pickup before any webhook of it arrived) has no id
   * on record: it is read from Jira, once.
   */
  async issueIds(limit = RECONCILE_MAX): Promise<number[]> {
    const since = new Date(this.clock.now().getTime() - RECENT_MS);
    const rows: { key: string; jira_id: string | null }[] = await this.db.query(
      `SELECT recent.key, t.jira_id FROM (
         SELECT key, bool_or(moved) AS moved, max(at) AS at FROM (
           SELECT key, false AS moved, updated_at AS at FROM ticket WHERE updated_at > $2
           UNION ALL
           SELECT payload->>'key', kind = 'transition', finished_at FROM jira_change
           WHERE status = 'done' AND finished_at > $2 AND kind = ANY($3)
         ) changed GROUP BY key
       ) recent LEFT JOIN ticket t ON t.key = recent.key
       ORDER BY recent.moved DESC, recent.at DESC LIMIT $1`,
      [limit + this.gone.size, since, SEARCHED_CHANGES],
    );
    const ids = await Promise.all(rows.map((r) => (r.jira_id !== null ? Number(r.jira_id) : this.idOf(r.key))));
    return ids.filter((id): id is number => id !== null && Number.isFinite(id) && !this.gone.has(id)).slice(0, limit);
  }

  /**
   * After Jira refused a search for naming an issue that does not exist ("All issues must exist"):
   * the ids of `ids` Jira still has, read one by one; the others are remembered as gone.
   */
  async existing(ids: number[]): Promise<number[]> {
    const found = await Promise.all(ids.map((id) => this.jira.issue(String(id)).catch(notFoundAsNull)));
    ids.forEach((id, i) => found[i] === null && this.gone.add(id));
    return ids.filter((_, i) => found[i] !== null);
  }

  private async idOf(key: string): Promise<number | null> {
    const cached = this.ids.get(key);
    if (cached !== undefined) return cached;
    try {
      const issue = await this.jira.issue(key).catch(notFoundAsNull);
      const id = issue ? Number(issue.id) : Number.NaN; // deleted: not asked again
      if (this.ids.size >= 1000) this.ids.clear();
      this.ids.set(key, id);
      return issue ? id : null;
    } catch {
      return null; // Jira not answering: this search goes without it
    }
  }

  /** Keys of the tickets deleted in Jira lately: a search may list them for a while yet. */
  async deletedKeys(): Promise<Set<string>> {
    const since = new Date(this.clock.now().getTime() - RECENT_MS);
    const rows: { key: string }[] = await this.db.query(`SELECT DISTINCT ticket_key AS key FROM audit_event WHERE type = 'ticket.deleted' AND at > $1`, [
      since,
    ]);
    return new Set(rows.map((r) => r.key));
  }

  /**
   * Keys whose newest decided move (a pending transition) goes to a status outside `statusIds`, not
   * yet done in Jira. Only the newest counts: a pickup's move followed by a revert to Ready is back.
   */
  async pendingMovesAwayFrom(statusIds: string[]): Promise<Set<string>> {
    const rows: { key: string }[] = await this.db.query(
      `SELECT key FROM (
         SELECT DISTINCT ON (payload->>'key') payload->>'key' AS key, payload->'toStatusIds' AS targets
         FROM jira_change WHERE status = 'pending' AND kind = 'transition'
         ORDER BY payload->>'key', id DESC
       ) newest WHERE NOT (targets ?| $1::text[])`,
      [statusIds],
    );
    return new Set(rows.map((r) => r.key));
  }
}
