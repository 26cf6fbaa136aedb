// Atlassian's OpenAPI documents of Jira Cloud (SOURCES.md), loaded once per process, as an index of
// documented operations: which operation a request is, its parameters, body and answers.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { documentedExpandValues } from './expand-values';
import { SERVICE_DESK_OPERATIONS } from './service-desk-reference';

/** the two OpenAPI documents, and `servicedesk`: JSM's reference pages, transcribed by hand (service-desk-reference.ts) */
export type DocumentName = 'platform' | 'software' | 'servicedesk';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface DocumentedParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  /** the JSON Schema its value is held to: a `$ref` into the document, or the reading of QUERY_REPAIRS */
  schema: Json;
}

const LIST = (values: string[]) => ({ type: 'string', pattern: `^(${values.join('|')})(,(${values.join('|')}))*$` });

/**
 * The Jira Software document (a 2022 snapshot) types some query parameters as objects (its Java
 * `StringList` rendered as `{type: object}`), which a query string cannot carry. Their descriptions
 * say what they are: comma-separated values ("Valid values: future, active, closed. You can define
 * multiple states separated by commas"). That reading is taken, with the valid values where the
 * description lists them; any other object-typed query parameter is read as plain strings.
 */
export const QUERY_REPAIRS: Record<string, Json> = {
  'getAllSprints state': LIST(['future', 'active', 'closed']),
  'getAllBoards type': LIST(['scrum', 'kanban', 'simple']),
};

function queryReading(operationId: string, name: string, declared: Json | undefined, ref: Json): Json {
  const repaired = QUERY_REPAIRS[`${operationId} ${name}`];
  if (repaired) return repaired;
  if (declared?.type === 'object') return { type: 'string' };
  if (declared?.type === 'array' && declared.items?.type === 'object') return { type: 'array', items: { type: 'string' } };
  return ref;
}

export interface DocumentedOperation {
  operationId: string;
  method: string;
  /** as documented, e.g. /rest/api/3/issue/{issueIdOrKey}/comment */
  path: string;
  document: DocumentName;
  deprecated: boolean;
  parameters: DocumentedParameter[];
  /** the values its `expand` query parameter documents; null when it has none */
  expandValues: string[] | null;
  /** the JSON Schema of its application/json request body (a `$ref` into the document), if it takes one */
  body: Json | null;
  bodyRequired: boolean;
  /** status ('200', 'default') → the JSON Schema of that answer's application/json body, or null when it documents none */
  responses: Map<string, Json | null>;
}

export interface OperationMatch {
  operation: DocumentedOperation;
  pathParams: Record<string, string>;
}

const FILES: Record<'platform' | 'software', string> = { platform: 'jira-platform.v3.json', software: 'jira-software.v1.json' };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** `/paths/~1rest~1api~13~1issue/post` — a JSON pointer as a URI fragment (ajv decodes both). */
export function pointer(...segments: string[]): string {
  return segments.map((s) => `/${encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('');
}

/** jira-sim/openapi wherever the code runs from (ts-jest, tsc's dist-bench, the demo build): found from the working directory up. */
function openapiDir(): string {
  if (process.env.JIRA_OPENAPI_DIR) return process.env.JIRA_OPENAPI_DIR;
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const candidate = join(dir, 'jira-sim', 'openapi');
    if (existsSync(join(candidate, FILES.platform))) return candidate;
    if (dirname(dir) === dir) throw new Error(`Atlassian's OpenAPI documents (jira-sim/openapi) not found above ${process.cwd()}; set JIRA_OPENAPI_DIR`);
  }
}

function template(operation: DocumentedOperation): Template {
  const names: string[] = [];
  const source = operation.path
    .split('/')
    .map((segment) => {
      if (!/^\{[^}]+\}$/.test(segment)) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1, -1));
      return '([^/]+)';
    })
    .join('/');
  const literals = operation.path.split('/').filter((s) => s && !s.startsWith('{')).length;
  return { operation, pattern: new RegExp(`^${source}$`), names, literals };
}

interface Template {
  operation: DocumentedOperation;
  pattern: RegExp;
  names: string[];
  /** literal segments first: /epic/none/issue wins over /epic/{epicIdOrKey}/issue */
  literals: number;
}

export class AtlassianDocuments {
  private static loaded?: AtlassianDocuments;
  readonly documents: Record<'platform' | 'software', Json>;
  private readonly templates: Template[] = [];

  static load(): AtlassianDocuments {
    AtlassianDocuments.loaded ??= new AtlassianDocuments(openapiDir());
    return AtlassianDocuments.loaded;
  }

  private constructor(dir: string) {
    const read = (name: 'platform' | 'software') => JSON.parse(readFileSync(join(dir, FILES[name]), 'utf8')) as Json;
    this.documents = { platform: read('platform'), software: read('software') };
    for (const name of ['platform', 'software'] as const) this.index(name);
    for (const operation of SERVICE_DESK_OPERATIONS) this.templates.push(template(operation));
    this.templates.sort((a, b) => b.literals - a.literals);
    // Edit issue's `expand`: "The Get issue API expand parameter to use in the response"
    const edit = this.operation('editIssue');
    if (edit) edit.expandValues = this.operation('getIssue')?.expandValues ?? [];
  }

  get operations(): DocumentedOperation[] {
    return this.templates.map((t) => t.operation);
  }

  /** by operationId (the platform's first where both documents use one, e.g. getIssue) */
  operation(operationId: string): DocumentedOperation | undefined {
    return this.operations.filter((o) => o.operationId === operationId).sort((a, b) => (a.document === 'platform' ? -1 : b.document === 'platform' ? 1 : 0))[0];
  }

  /**
   * The documented operation for a request; 'method' when the path is documented for other methods
   * only. As Jira's router does, the most specific path template that matches decides (literal
   * segments before parameters): `GET /rest/api/3/issue/bulk` is not Get issue of an issue "bulk".
   */
  match(method: string, path: string): OperationMatch | 'method' | undefined {
    const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
    let specificity: number | null = null;
    for (const t of this.templates) {
      if (specificity !== null && t.literals < specificity) break;
      const found = t.pattern.exec(clean);
      if (!found) continue;
      specificity = t.literals;
      if (t.operation.method !== method.toUpperCase()) continue;
      try {
        const pathParams = Object.fromEntries(t.names.map((n, i) => [n, decodeURIComponent(found[i + 1] ?? '')]));
        return { operation: t.operation, pathParams };
      } catch {
        return undefined; // a malformed escape: no issue, board or sprint has that name
      }
    }
    return specificity === null ? undefined : 'method';
  }

  private index(document: 'platform' | 'software'): void {
    for (const [path, item] of Object.entries(this.documents[document].paths as Record<string, Json>)) {
      for (const method of METHODS) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        const params = [
          ...((item.parameters ?? []) as Json[]).map((p, i) => ({ p, schema: pointer('paths', path, 'parameters', String(i), 'schema') })),
          ...((op.parameters ?? []) as Json[]).map((p, i) => ({ p, schema: pointer('paths', path, method, 'parameters', String(i), 'schema') })),
        ];
        this.templates.push(template(this.operationOf(document, path, method, params, op)));
      }
    }
  }

  private operationOf(document: 'platform' | 'software', path: string, method: string, params: { p: Json; schema: string }[], op: Json): DocumentedOperation {
    const at = (...rest: string[]) => pointer('paths', path, method, ...rest);
    const operationId = String(op.operationId ?? `${method} ${path}`);
    const parameters: DocumentedParameter[] = params
      .filter(({ p }) => p.in === 'path' || p.in === 'query')
      .map(({ p, schema }) => ({
        name: String(p.name),
        in: p.in as 'path' | 'query',
        required: p.required === true || p.in === 'path',
        schema: queryReading(operationId, String(p.name), p.schema as Json | undefined, { $ref: `${document}#${schema}` }),
      }));
    const expand = params.find(({ p }) => p.in === 'query' && p.name === 'expand')?.p;
    const json = op.requestBody?.content?.['application/json'];
    const ref = (...rest: string[]) => ({ $ref: `${document}#${at(...rest)}` });
    const responses = new Map<string, Json | null>();
    for (const [status, answer] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
      responses.set(status, answer?.content?.['application/json']?.schema ? ref('responses', status, 'content', 'application/json', 'schema') : null);
    }
    return {
      operationId,
      method: method.toUpperCase(),
      path,
      document,
      deprecated: op.deprecated === true,
      parameters,
      expandValues: expand ? documentedExpandValues(expand.description as string | undefined) : null,
      body: json?.schema ? ref('requestBody', 'content', 'application/json', 'schema') : null,
      bodyRequired: op.requestBody?.required === true,
      responses,
    };
  }
}
