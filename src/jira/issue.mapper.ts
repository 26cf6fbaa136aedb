import { adfToText } from './adf.js';
import type { JiraIssue, JiraIssueLink } from './jira.types.js';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The sprint field id on Jira Cloud; legacy string values ("…Sprint@x[id=197,…]") are read too. */
export const SPRINT_FIELD = 'customfield_10020';
/** The Rank field on most Jira Cloud sites; the board configuration names the site's own (ranking.rankCustomFieldId). */
export const RANK_FIELD = 'customfield_10019';

/** A LexoRank string: string order is rank order. */
export function rankOf(issue: JiraIssue, rankFieldId: string): string | null {
  const value = issue.fields[rankFieldId];
  return typeof value === 'string' && value !== '' ? value : null;
}

function sprintIds(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  return value.map((s) => (typeof s === 'object' && s ? Number((s as Raw).id) : Number(/\bid=(\d+)/.exec(String(s))?.[1]))).filter((id) => Number.isFinite(id));
}

function links(raw: unknown): JiraIssueLink[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((l: Raw) => {
    const other = l.inwardIssue ?? l.outwardIssue;
    if (!other?.key) return [];
    return [{ id: String(l.id), type: String(l.type?.name ?? ''), otherKey: String(other.key), otherIsInward: Boolean(l.inwardIssue) }];
  });
}

/** REST v3 issue JSON (or a webhook's `issue`) → JiraIssue. */
export function toJiraIssue(raw: Raw): JiraIssue {
  const f: Raw = raw.fields ?? {};
  return {
    id: String(raw.id),
    key: String(raw.key),
    projectKey: String(f.project?.key ?? String(raw.key).split('-')[0]),
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
