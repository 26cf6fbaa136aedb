import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JiraGateway } from './jira.gateway.js';

/** Jira accepts at most 50 ids in `reconcileIssues`. */
export const RECONCILE_MAX = 50;
/** Atlassian: search may lag a change "from a few seconds to minutes"; past this a change is taken as indexed. */
const RECENT = '15 minutes';

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

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jira: JiraGateway,
  ) {}

  /**
   * Jira ids of the issues changed lately (a webhook applied to a tracked ticket, or a change of the
   * service done), newest first. A change the service made on an issue it does not track yet (an API
   * pickup before any webhook of it arrived) has no id on record: it is read from Jira, once.
   */
  async issueIds(limit = RECONCILE_MAX): Promise<number[]> {
    const rows: { key: string; jira_id: string | null }[] = await this.db.query(
      `SELECT recent.key, t.jira_id FROM (
         SELECT key, max(at) AS at FROM (
           SELECT key, updated_at AS at FROM ticket WHERE updated_at > now() - interval '${RECENT}'
           UNION ALL
           SELECT payload->>'key', finished_at FROM jira_command WHERE status = 'done' AND finished_at > now() - interval '${RECENT}'
         ) changed GROUP BY key
       ) recent LEFT JOIN ticket t ON t.key = recent.key
       ORDER BY recent.at DESC LIMIT $1`,
      [limit],
    );
    const ids = await Promise.all(rows.map((r) => (r.jira_id !== null ? Number(r.jira_id) : this.idOf(r.key))));
    return ids.filter((id): id is number => id !== null && Number.isFinite(id));
  }

  private async idOf(key: string): Promise<number | null> {
    const cached = this.ids.get(key);
    if (cached !== undefined) return cached;
    try {
      const id = Number((await this.jira.issue(key)).id);
      if (this.ids.size >= 1000) this.ids.clear();
      this.ids.set(key, id);
      return id;
    } catch {
      return null; // deleted, or Jira not answering: this search goes without it
    }
  }

  /** Keys the service decided to move to a status outside `statusIds`, the move not yet done in Jira. */
  async pendingMovesAwayFrom(statusIds: string[]): Promise<Set<string>> {
    const rows: { key: string }[] = await this.db.query(
      `SELECT DISTINCT payload->>'key' AS key FROM jira_command
       WHERE status = 'pending' AND kind = 'transition' AND NOT (payload->'toStatusIds' ?| $1::text[])`,
      [statusIds],
    );
    return new Set(rows.map((r) => r.key));
  }
}
