import { AtlassianDocuments, type DocumentedOperation } from './atlassian-documents';
import { SchemaValidator } from './schema-validator';

/**
 * An answer held against the operation's documented responses: its status must be documented (or a
 * `default`), and a JSON body must match that response's schema. [] when it conforms.
 */
export function checkResponse(operation: DocumentedOperation, status: number, body: unknown, documents = AtlassianDocuments.load()): string[] {
  if (operation.document === 'servicedesk') return []; // JSM's answers are not transcribed (service-desk-reference.ts)
  const key = operation.responses.has(String(status)) ? String(status) : operation.responses.has('default') ? 'default' : null;
  if (key === null) return [`${operation.operationId} documents no ${status} answer (documented: ${[...operation.responses.keys()].join(', ')})`];
  const schema = operation.responses.get(key) ?? null;
  if (schema === null || body === undefined) return [];
  return SchemaValidator.for(documents)
    .body(schema, body)
    .map((m) => `${operation.operationId} ${status}: ${m}`);
}
