// Evaluates the JQL subset over issue views. Jira semantics kept on purpose:
// - `!=` and `NOT IN` never match an issue whose field is empty (as in Jira: `assignee != bob`
//   does not return unassigned issues); use `OR x IS EMPTY` for that.
// - `status` and `project` values that do not exist are a 400 in Jira; the optional
//   `valueExists` hook reports them the same way.
// - Without ORDER BY, results come in rank order.
import { JqlError, parseJql } from './jql-parser';
import type { JqlClause, JqlExpr, JqlOrder, JqlQuery, JqlValue } from './jql-parser';
import type { SprintState, StatusCategoryKey } from './types';

export { JqlError, parseJql };
export type { JqlQuery };

export interface JqlIssue {
  id: string;
  key: string;
  projectKey: string;
  projectId: string;
  projectName: string;
  status: { id: string; name: string; category: StatusCategoryKey };
  issueType: { id: string; name: string };
  priority: { id: string; name: string };
  labels: string[];
  assignee: string | null;
  reporter: string | null;
  resolution: { id: string; name: string } | null;
  sprints: { id: number; name: string; state: SprintState }[];
  summary: string;
  /** position in the global rank order (0 = top) */
  rankIndex: number;
  created: number;
  updated: number;
  fields: Record<string, unknown>;
}

export interface JqlContext {
  /** value of currentUser() */
  currentUser?: string;
  /** return false for a value Jira would reject with "The value 'x' does not exist for the field 'f'." */
  valueExists?: (field: 'project' | 'status' | 'sprint' | 'issuetype' | 'key', value: string) => boolean;
}

const CATEGORY_ALIASES: Record<StatusCategoryKey, string[]> = {
  new: ['new', 'to do', '2'],
  indeterminate: ['indeterminate', 'in progress', '4'],
  done: ['done', 'complete', '3'],
};

type FieldReader = (issue: JqlIssue) => string[][];

const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** each field value is a list of aliases (id, key, name...) any of which a JQL value may name */
const FIELDS: Record<string, FieldReader> = {
  project: (i) => [[i.projectKey, i.projectId, i.projectName]],
  status: (i) => [[i.status.id, i.status.name]],
  statuscategory: (i) => [CATEGORY_ALIASES[i.status.category]],
  key: (i) => [[i.key, i.id]],
  issuekey: (i) => [[i.key, i.id]],
  id: (i) => [[i.key, i.id]],
  labels: (i) => i.labels.map((l) => [l]),
  sprint: (i) => i.sprints.map((s) => [String(s.id), s.name]),
  assignee: (i) => (i.assignee === null ? [] : [[i.assignee]]),
  reporter: (i) => (i.reporter === null ? [] : [[i.reporter]]),
  issuetype: (i) => [[i.issueType.id, i.issueType.name]],
  type: (i) => [[i.issueType.id, i.issueType.name]],
  priority: (i) => [[i.priority.id, i.priority.name]],
  resolution: (i) => (i.resolution === null ? [] : [[i.resolution.id, i.resolution.name]]),
  summary: (i) => [[i.summary]],
};

function customFieldReader(field: string): FieldReader | undefined {
  const match = /^(?:customfield_|cf\[)(\d+)\]?$/i.exec(field);
  if (!match) return undefined;
  const id = `customfield_${match[1]}`;
  return (issue) => {
    const raw = issue.fields[id];
    const items = Array.isArray(raw) ? raw : raw === null || raw === undefined ? [] : [raw];
    return items.map((item) => {
      if (typeof item !== 'object' || item === null) return [String(item)];
      const obj = item as Record<string, unknown>;
      return ['value', 'name', 'id', 'key', 'accountId'].filter((k) => obj[k] !== undefined).map((k) => String(obj[k]));
    });
  };
}

function fieldReader(field: string): FieldReader {
  const reader = FIELDS[field.toLowerCase()] ?? customFieldReader(field);
  if (!reader) throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
  return reader;
}

/** expands a JQL value to the set of strings it stands for; null = EMPTY */
function valueSet(clause: JqlClause, value: JqlValue, issue: JqlIssue, ctx: JqlContext): string[] | null {
  if (value.kind === 'empty') return null;
  if (value.kind === 'literal') return [value.value];
  const fn = value.name.toLowerCase();
  if (fn === 'currentuser') return ctx.currentUser === undefined ? [] : [ctx.currentUser];
  const wanted: Record<string, SprintState[]> = {
    opensprints: ['active', 'future'],
    closedsprints: ['closed'],
    futuresprints: ['future'],
  };
  const states = wanted[fn];
  if (states && clause.field.toLowerCase() === 'sprint') {
    return issue.sprints.filter((s) => states.includes(s.state)).map((s) => String(s.id));
  }
  throw new JqlError(`Unable to find JQL function '${value.name}(${value.args.join(', ')})'.`);
}

function clauseMatches(clause: JqlClause, issue: JqlIssue, ctx: JqlContext): boolean {
  const actual = fieldReader(clause.field)(issue);
  const isEmpty = actual.length === 0;
  if (clause.op === 'is') return isEmpty;
  if (clause.op === 'is not') return !isEmpty;
  if (clause.op === '~' || clause.op === '!~') {
    const needle = clause.values[0]?.kind === 'literal' ? clause.values[0].value.toLowerCase() : '';
    const found = actual.some((aliases) => aliases.some((a) => a.toLowerCase().includes(needle)));
    return clause.op === '~' ? found : !isEmpty && !found;
  }
  let matchesAny = false;
  let mentionsEmpty = false;
  for (const value of clause.values) {
    const set = valueSet(clause, value, issue, ctx);
    if (set === null) {
      mentionsEmpty = true;
      continue;
    }
    if (actual.some((aliases) => aliases.some((a) => set.some((v) => eq(a, v))))) matchesAny = true;
  }
  const positive = matchesAny || (mentionsEmpty && isEmpty);
  if (clause.op === '=' || clause.op === 'in') return positive;
  return !positive && (mentionsEmpty || !isEmpty);
}

function evaluate(expr: JqlExpr, issue: JqlIssue, ctx: JqlContext): boolean {
  switch (expr.kind) {
    case 'and':
      return expr.items.every((e) => evaluate(e, issue, ctx));
    case 'or':
      return expr.items.some((e) => evaluate(e, issue, ctx));
    case 'not':
      return !evaluate(expr.expr, issue, ctx);
    default:
      return clauseMatches(expr, issue, ctx);
  }
}

function visitClauses(expr: JqlExpr | null, visit: (c: JqlClause) => void): void {
  if (expr === null) return;
  if (expr.kind === 'clause') visit(expr);
  else if (expr.kind === 'not') visitClauses(expr.expr, visit);
  else expr.items.forEach((e) => visitClauses(e, visit));
}

const VALIDATED: Record<string, 'project' | 'status' | 'sprint' | 'issuetype' | 'key'> = {
  project: 'project',
  status: 'status',
  sprint: 'sprint',
  issuetype: 'issuetype',
  type: 'issuetype',
  key: 'key',
  issuekey: 'key',
  id: 'key',
};

/** static checks: known fields, supported operators, existing values */
function validate(query: JqlQuery, ctx: JqlContext): void {
  visitClauses(query.where, (clause) => {
    fieldReader(clause.field);
    const field = clause.field.toLowerCase();
    if ((clause.op === '~' || clause.op === '!~') && field !== 'summary') {
      throw new JqlError(`The operator '${clause.op}' is not supported by the '${clause.field}' field.`);
    }
    for (const value of clause.values) {
      if (value.kind !== 'function') continue;
      const known = value.name.toLowerCase() === 'currentuser' || (field === 'sprint' && /^(open|closed|future)sprints$/i.test(value.name));
      if (!known) throw new JqlError(`Unable to find JQL function '${value.name}(${value.args.join(', ')})'.`);
    }
    const checked = VALIDATED[field];
    if (checked === undefined || !ctx.valueExists) return;
    for (const value of clause.values) {
      if (value.kind !== 'literal' || ctx.valueExists(checked, value.value)) continue;
      throw new JqlError(
        checked === 'key'
          ? `An issue with key '${value.value}' does not exist for field '${clause.field}'.`
          : `The value '${value.value}' does not exist for the field '${clause.field}'.`,
      );
    }
  });
  query.orderBy.forEach((o) => sortKey(o));
}

function keyNumber(key: string): [string, number] {
  const dash = key.lastIndexOf('-');
  return [key.slice(0, dash), Number(key.slice(dash + 1))];
}

type Comparator = (a: JqlIssue, b: JqlIssue) => number;

function sortKey(order: JqlOrder): Comparator {
  const byKey: Comparator = (a, b) => {
    const [pa, na] = keyNumber(a.key);
    const [pb, nb] = keyNumber(b.key);
    return pa === pb ? na - nb : pa < pb ? -1 : 1;
  };
  const comparators: Record<string, Comparator> = {
    rank: (a, b) => a.rankIndex - b.rankIndex,
    key: byKey,
    issuekey: byKey,
    id: (a, b) => Number(a.id) - Number(b.id),
    created: (a, b) => a.created - b.created || Number(a.id) - Number(b.id),
    updated: (a, b) => a.updated - b.updated,
    priority: (a, b) => Number(a.priority.id) - Number(b.priority.id),
    summary: (a, b) => a.summary.localeCompare(b.summary),
  };
  const comparator = comparators[order.field.toLowerCase()];
  if (!comparator) throw new JqlError(`Not able to sort using field '${order.field}'.`);
  return order.direction === 'asc' ? comparator : (a, b) => comparator(b, a);
}

const cache = new Map<string, JqlQuery>();

function parsed(jql: string): JqlQuery {
  let query = cache.get(jql);
  if (!query) {
    query = parseJql(jql);
    cache.set(jql, query);
  }
  return query;
}

/** throws JqlError (message as Jira's errorMessages) when the query is not valid */
export function compileJql(jql: string, ctx: JqlContext = {}): JqlQuery {
  const query = parsed(jql);
  validate(query, ctx);
  return query;
}

export function matchesJql(jql: string, issue: JqlIssue, ctx: JqlContext = {}): boolean {
  const query = parsed(jql);
  return query.where === null || evaluate(query.where, issue, ctx);
}

/** sorts by the query's ORDER BY (rank when none); returns a new array */
export function orderBy(jql: string, issues: JqlIssue[]): JqlIssue[] {
  const orders = parsed(jql).orderBy;
  const comparators = orders.map(sortKey);
  comparators.push((a, b) => a.rankIndex - b.rankIndex);
  return [...issues].sort((a, b) => {
    for (const compare of comparators) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return 0;
  });
}

/** validate, filter, sort */
export function searchJql(jql: string, issues: JqlIssue[], ctx: JqlContext = {}): JqlIssue[] {
  compileJql(jql, ctx);
  return orderBy(
    jql,
    issues.filter((issue) => matchesJql(jql, issue, ctx)),
  );
}

/** true when the query has no WHERE part (Jira's enhanced search refuses those as unbounded) */
export function isUnbounded(jql: string): boolean {
  return parsed(jql).where === null;
}
