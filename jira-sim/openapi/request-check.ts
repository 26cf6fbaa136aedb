// A request held against Atlassian's documents: which operation it is, and what in it the documents
// do not have. The simulator answers by it; the e2e suite's conformance check reports it.
import { AtlassianDocuments, type DocumentedOperation } from './atlassian-documents';
import { expandName } from './expand-values';
import { SchemaValidator } from './schema-validator';

export type FindingKind =
  'undocumented_operation' | 'undocumented_method' | 'deprecated' | 'undocumented_parameter' | 'undocumented_expand' | 'invalid_parameter' | 'invalid_body';

export interface Finding {
  kind: FindingKind;
  detail: string;
}

/** What Jira refuses outright (400); the other findings it ignores or still serves. */
export const REFUSED: FindingKind[] = ['invalid_parameter', 'invalid_body'];

export interface RequestCheck {
  operation: DocumentedOperation | null;
  pathParams: Record<string, string>;
  findings: Finding[];
  /** the query as the operation documents it: undocumented parameters and `expand` values left out */
  query: URLSearchParams;
}

export interface CheckedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** the parsed JSON body; undefined when there was none */
  body: unknown;
}

export function checkRequest(req: CheckedRequest, documents = AtlassianDocuments.load()): RequestCheck {
  const found = documents.match(req.method, req.path);
  if (found === undefined || found === 'method') {
    const kind = found === 'method' ? 'undocumented_method' : 'undocumented_operation';
    const detail = found === 'method' ? `${req.path} is documented, but not for ${req.method}` : `no documented operation has the path ${req.path}`;
    return { operation: null, pathParams: {}, findings: [{ kind, detail }], query: new URLSearchParams() };
  }
  const { operation, pathParams } = found;
  const findings: Finding[] = operation.deprecated ? [{ kind: 'deprecated', detail: `${operation.operationId} is deprecated` }] : [];
  const query = documentedQuery(operation, req.query, findings);
  const validator = SchemaValidator.for(documents);
  const values: Record<string, string | string[]> = { ...pathParams };
  for (const name of new Set(query.keys())) {
    const all = query.getAll(name);
    values[name] = all.length === 1 ? all[0] : all;
  }
  for (const detail of validator.parameters(operation, values)) findings.push({ kind: 'invalid_parameter', detail });
  for (const detail of bodyProblems(operation, req.body, validator)) findings.push({ kind: 'invalid_body', detail });
  return { operation, pathParams, findings, query };
}

function documentedQuery(operation: DocumentedOperation, asked: URLSearchParams, findings: Finding[]): URLSearchParams {
  const documented = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  const query = new URLSearchParams();
  for (const [name, value] of asked) {
    if (!documented.has(name)) {
      findings.push({ kind: 'undocumented_parameter', detail: `${operation.operationId} documents no query parameter '${name}'` });
      continue;
    }
    if (name !== 'expand' || operation.expandValues === null) {
      query.append(name, value);
      continue;
    }
    const values = value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    const kept = values.filter((v) => operation.expandValues!.includes(expandName(v)));
    for (const v of values.filter((x) => !kept.includes(x))) {
      findings.push({
        kind: 'undocumented_expand',
        detail: `${operation.operationId} documents expand ${operation.expandValues.join(', ') || '(no values)'}, not '${v}'`,
      });
    }
    if (kept.length) query.append(name, kept.join(','));
  }
  return query;
}

function bodyProblems(operation: DocumentedOperation, body: unknown, validator: SchemaValidator): string[] {
  if (body === undefined) return operation.bodyRequired ? ['a request body is required'] : [];
  if (operation.body === null) return [`${operation.operationId} documents no JSON request body`];
  return validator.body(operation.body, body);
}
