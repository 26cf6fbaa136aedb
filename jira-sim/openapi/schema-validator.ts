// ajv over Atlassian's documents: each schema is compiled where the document has it, on first use,
// and kept for the process (the documents are large; an operation's schemas are small).
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { AtlassianDocuments, DocumentedOperation } from './atlassian-documents';

function newAjv(documents: AtlassianDocuments, coerceTypes: boolean): Ajv {
  // strict off: the documents carry OpenAPI keywords (example, readOnly, xml, x-…) that are not JSON Schema
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, coerceTypes: coerceTypes ? 'array' : false });
  addFormats(ajv);
  for (const name of ['platform', 'software'] as const) ajv.addSchema(documents.documents[name], name);
  return ajv;
}

/** ajv's errors as short sentences naming where: "/fields/summary must be string". */
export function describeErrors(errors: ErrorObject[] | null | undefined, root: string, most = 5): string[] {
  const out = (errors ?? []).map((e) => {
    const where = `${root}${e.instancePath}`;
    if (e.keyword === 'additionalProperties') return `${where} must not have the property '${String(e.params.additionalProperty)}'`;
    if (e.keyword === 'enum') return `${where} must be one of ${(e.params.allowedValues as unknown[]).map(String).join(', ')}`;
    return `${where} ${e.message ?? 'is invalid'}`;
  });
  return [...new Set(out)].slice(0, most);
}

export class SchemaValidator {
  private static shared?: SchemaValidator;
  private readonly strictTypes: Ajv;
  private readonly coercing: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  static for(documents: AtlassianDocuments): SchemaValidator {
    SchemaValidator.shared ??= new SchemaValidator(documents);
    return SchemaValidator.shared;
  }

  private constructor(documents: AtlassianDocuments) {
    this.strictTypes = newAjv(documents, false);
    this.coercing = newAjv(documents, true);
  }

  /** A JSON body (request or answer) against a schema of the documents (usually a `$ref` into one); [] when valid. */
  body(schema: Record<string, unknown>, value: unknown): string[] {
    const validate = this.compile(`body ${JSON.stringify(schema)}`, () => this.strictTypes.compile(schema));
    return validate(value) ? [] : describeErrors(validate.errors, 'body');
  }

  /** Path and query values (strings, as they came) against the operation's documented parameters; [] when valid. */
  parameters(operation: DocumentedOperation, values: Record<string, string | string[]>): string[] {
    const validate = this.compile(`params ${operation.document} ${operation.method} ${operation.path}`, () =>
      this.coercing.compile({
        type: 'object',
        properties: Object.fromEntries(operation.parameters.map((p) => [p.name, p.schema])),
        required: operation.parameters.filter((p) => p.required).map((p) => p.name),
      }),
    );
    return validate({ ...values }) ? [] : describeErrors(validate.errors, 'parameter ').map((m) => m.replace('parameter /', 'parameter '));
  }

  private compile(key: string, build: () => ValidateFunction): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = build();
      this.compiled.set(key, validate);
    }
    return validate;
  }
}
