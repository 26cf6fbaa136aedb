/**
 * The rules one parsed PostgreSQL statement must pass to be part of a data fix.
 * Works on the raw parse tree of libpg-query (the real PostgreSQL parser), walked generically.
 *
 * - Allowed: SELECT (read-only), INSERT, UPDATE, DELETE, transaction control (BEGIN/COMMIT/…), EXPLAIN.
 * - Every UPDATE and DELETE anywhere in the tree (top level, data-modifying CTE, inside EXPLAIN) needs
 *   a WHERE whose top level is an AND of at least two conditions; a condition that mentions no
 *   column (`true`, `1=1`) cannot narrow the rows and does not count. Tautologies over columns
 *   (`id = id`) are beyond a static check: review catches them.
 * - DDL, TRUNCATE and SELECT INTO are refused. Everything else (DO, COPY, CALL, EXECUTE, PREPARE,
 *   MERGE, SET, LOCK, VACUUM, …) is refused as unverifiable: its effect cannot be read off the tree.
 *   INSERT … ON CONFLICT DO UPDATE is allowed: it only touches the conflicting rows.
 */
type AstNode = Record<string, unknown>;

const ALLOWED = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'TransactionStmt', 'ExplainStmt']);
const DDL = /^(Create|Alter|Drop|Define|Grant|Rename|Comment|SecLabel|Index|View|Rule|CompositeType|Reindex|ImportForeignSchema|Cluster|RefreshMatView)/;
const LABELS: Record<string, string> = {
  GrantStmt: 'GRANT/REVOKE',
  GrantRoleStmt: 'GRANT/REVOKE role',
  CreateStmt: 'CREATE TABLE',
  IndexStmt: 'CREATE INDEX',
  ViewStmt: 'CREATE VIEW',
  RuleStmt: 'CREATE RULE',
  DefineStmt: 'CREATE (aggregate, operator or type)',
  CommentStmt: 'COMMENT ON',
  SecLabelStmt: 'SECURITY LABEL',
  RefreshMatViewStmt: 'REFRESH MATERIALIZED VIEW',
  VariableSetStmt: 'SET/RESET',
  VariableShowStmt: 'SHOW',
};
const MIN_CONDITIONS = 2;

/** The reason the statement is refused, or null when it passes. */
export function statementProblem(stmt: unknown): string | null {
  const [kind, body] = Object.entries(stmt as AstNode)[0] ?? ['unknown', {}];
  const label = labelOf(kind);
  if (kind === 'TruncateStmt') return 'TRUNCATE is not allowed: it empties whole tables.';
  if (DDL.test(kind)) return `${label} is DDL, which a data fix may not contain.`;
  if (!ALLOWED.has(kind)) {
    return `${label} cannot be verified statically; a data fix may contain only SELECT, INSERT, UPDATE, DELETE and transaction control.`;
  }
  return firstProblemIn(kind, body, false);
}

function firstProblemIn(kind: string, body: unknown, nested: boolean): string | null {
  if (kind === 'UpdateStmt' || kind === 'DeleteStmt') {
    const problem = whereProblem(kind, body as AstNode, nested);
    if (problem) return problem;
  }
  if (kind === 'SelectStmt' && (body as AstNode).intoClause) return 'SELECT INTO creates a table, which is DDL.';
  for (const child of childrenOf(body)) {
    for (const [childKind, childBody] of Object.entries(child)) {
      const problem = firstProblemIn(childKind, childBody, nested || kind !== 'ExplainStmt');
      if (problem) return problem;
    }
  }
  return null;
}

function whereProblem(kind: string, stmt: AstNode, nested: boolean): string | null {
  const verb = kind === 'UpdateStmt' ? 'UPDATE of' : 'DELETE from';
  const subject = `${verb} ${tableOf(stmt.relation)}${nested ? ' (inside WITH)' : ''}`;
  const where = stmt.whereClause as AstNode | undefined;
  const needed = `at least ${MIN_CONDITIONS} conditions joined by AND are required`;
  if (!where) return `${subject} has no WHERE; ${needed}.`;
  const bool = where.BoolExpr as AstNode | undefined;
  if (bool?.boolop === 'OR_EXPR') return `The WHERE of ${subject} is an OR at the top level, which counts as one condition; ${needed}.`;
  const conjuncts = bool?.boolop === 'AND_EXPR' ? (bool.args as unknown[]) : [where];
  const counted = conjuncts.filter(mentionsColumn).length;
  if (counted >= MIN_CONDITIONS) return null;
  const found = counted === 1 ? '1 condition' : `${counted} conditions`;
  return `The WHERE of ${subject} has ${found} on a column; ${needed}.`;
}

function mentionsColumn(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(mentionsColumn);
  if (node === null || typeof node !== 'object') return false;
  return Object.entries(node).some(([key, value]) => key === 'ColumnRef' || mentionsColumn(value));
}

/** Every node object directly below this one (a node object is `{ KindName: body }`). */
function childrenOf(body: unknown): AstNode[] {
  const found: AstNode[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const entries = Object.entries(value);
    if (entries.length === 1 && /^[A-Z]/.test(entries[0][0])) found.push(value as AstNode);
    else entries.forEach(([, v]) => visit(v));
  };
  Object.values(body as AstNode).forEach(visit);
  return found;
}

function tableOf(relation: unknown): string {
  const rel = (relation ?? {}) as { schemaname?: string; relname?: string };
  return [rel.schemaname, rel.relname].filter(Boolean).join('.') || 'an unnamed table';
}

function labelOf(kind: string): string {
  return (
    LABELS[kind] ??
    kind
      .replace(/Stmt$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toUpperCase()
  );
}
