import { adfToText } from './adf.js';
import { answered } from './jira.errors.js';
import type { JiraIssue, JiraIssueLink } from './jira.types.js';

/** The sprint field id on Jira Cloud; legacy string values ("…Sprint@x[id=197,…]") are read too. */
export const SPRINT_FIELD = 'customfield_10020';
/** The Rank field on most Jira Cloud sites; the board configuration names the site's own (ranking.rankCustomFieldId). */
export const RANK_FIELD = 'customfield_10019';

type Named = { name?: string };

/** An entry of `issuelinks`: only the other issue's side is there (Atlassian's IssueLink, and jira.js's, declare both). */
interface IssueLinkJson {
  id?: string;
  type?: Named;
  inwardIssue?: { key?: string };
  outwardIssue?: { key?: string };
}

/** The fields the service reads; any may be missing (not asked for), and the empty ones are null. */
interface IssueFieldsJson extends Record<string, unknown> {
  project?: { key?: string };
  issuetype?: Named;
  summary?: string;
  /** ADF on REST v3, text on the agile API */
  description?: unknown;
  status?: { id?: string; name?: string; statusCategory?: { key?: string } };
  assignee?: { accountId?: string } | null;
  labels?: string[];
  priority?: Named | null;
  resolution?: Named | null;
  issuelinks?: IssueLinkJson[];
}

/**
 * An issue as Jira sends it (getIssue, searchAndReconsileIssuesUsingJqlPost, getIssuesForBoard, a webhook's `issue`).
 * Atlassian's IssueBean requires nothing and its `fields` is an open map; jira.js's Issue (v3 and agile) says every
 * field is there and not null, which holds only for fields asked for and set.
 */
export interface IssueJson {
  id?: string;
  key?: string;
  fields?: IssueFieldsJson;
}

/** A LexoRank string: string order is rank order. */
export function rankOf(issue: JiraIssue, rankFieldId: string): string | null {
  const value = issue.fields[rankFieldId];
  return typeof value === 'string' && value !== '' ? value : null;
}

function sprintId(value: unknown): number {
  if (typeof value === 'object' && value !== null) return 'id' in value ? Number(value.id) : NaN;
  return Number(/\bid=(\d+)/.exec(String(value))?.[1]);
}

function sprintIds(value: unknown): number[] {
  return Array.isArray(value) ? value.map(sprintId).filter((id) => Number.isFinite(id)) : [];
}

function links(raw: IssueLinkJson[] | undefined): JiraIssueLink[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((l) => {
    const other = l.inwardIssue ?? l.outwardIssue;
    if (!other?.key || l.id === undefined || l.id === null) return [];
    return [{ id: String(l.id), type: String(l.type?.name ?? ''), otherKey: String(other.key), otherIsInward: Boolean(l.inwardIssue) }];
  });
}

/** An issue → JiraIssue; each value is converted to a string: a webhook's JSON may not hold to the types above. */
export function toJiraIssue(raw: IssueJson): JiraIssue {
  const key = String(answered(raw.key, 'issue key'));
  const f: IssueFieldsJson = raw.fields ?? {};
  return {
    id: String(answered(raw.id, `id of ${key}`)),
    key,
    projectKey: String(f.project?.key ?? key.split('-')[0]),
    issueType: String(f.issuetype?.name ?? ''),
    summary: String(f.summary ?? ''),
    description: adfToText(f.description),
    statusId: String(f.status?.id ?? ''),
    statusName: String(f.status?.name ?? ''),
    statusCategory: String(f.status?.statusCategory?.key ?? ''),
    assignee: f.assignee?.accountId ?? null,
    labels: Array.isArray(f.labels) ? f.labels.map(String) : [],
    priority: f.priority?.name ?? null,
    resolution: f.resolution?.name ?? null,
    links: links(f.issuelinks),
    sprintIds: sprintIds(f[SPRINT_FIELD]),
    fields: f,
  };
}
