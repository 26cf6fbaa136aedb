import { unstorableJson } from '../../../src/common/json-safety';
import { normalizeDeployment } from '../../../src/deployments/domain/deployment.normalizer';
import { type Endpoint, type FuzzCase, type Headers, MIB } from './fuzz-case';

/** The oracle: what the server will make of a case's headers and body, written from the server's documented behaviour. */

/**
 * What body-parser will make of the body (it reads every body as JSON: app.setup.ts), or undefined when it
 * refuses it. On /api/deployments a form-encoded body that is not JSON is read as GitHub sends one: its
 * payload field (src/deployments/github-form-payload.middleware.ts).
 */
export function parsedAsServerWould(c: Pick<FuzzCase, 'headers' | 'body'>, endpoint?: Endpoint): { value: unknown } | undefined {
  const header = (name: string) => {
    const v = c.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  };
  const encoding = header('content-encoding');
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return undefined;
  const charset = /charset\s*=\s*"?([^;"]*)/i.exec(header('content-type') ?? '')?.[1];
  // an empty `charset=` makes the Content-Type unparsable for body-parser, which then reads the body as UTF-8
  if (charset !== undefined && charset.trim() !== '' && charset.trim().toLowerCase() !== 'utf-8') return undefined;
  if (c.body.length > MIB) return undefined;
  if (c.body.length === 0) return { value: {} };
  const text = new TextDecoder('utf-8').decode(c.body);
  const form = () => (endpoint === 'deployments' && isForm(header('content-type')) ? formPayload(c.body) : undefined);
  // eslint-disable-next-line no-control-regex -- JSON's own whitespace (tab, LF, CR)
  if (!/^[\x20\x09\x0a\x0d]*[[{]/.test(text)) return form();
  try {
    const value: unknown = JSON.parse(text);
    // the server refuses what PostgreSQL could not store right after parsing, like a parse error
    return unstorableJson(value) ? undefined : { value };
  } catch {
    return form();
  }
}

export const isForm = (contentType: string | undefined) => /^\s*application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? '');

/** The JSON in a form body's payload field, as the server decodes it. */
export function formPayload(body: Buffer): { value: unknown } | undefined {
  const payload = new URLSearchParams(body.toString('utf8')).get('payload');
  if (payload === null) return undefined;
  try {
    const value: unknown = JSON.parse(payload);
    return unstorableJson(value) ? undefined : { value };
  } catch {
    return undefined;
  }
}

/** The body as JSON, whatever the headers say (to keep storable bodies out of the junk, however the server reads it). */
export function parsedLoosely(body: Buffer): { value: unknown } | undefined {
  return parsedAsServerWould({ headers: {}, body });
}

/** The answer the app gives, or 431 too when the headers may be over Node's limit. */
export function orRefusedEarly(weird: { nearLimit: boolean }, expected: readonly number[]): readonly number[] {
  return weird.nearLimit ? [...new Set([431, ...expected])] : expected;
}

export const storable = (value: unknown) => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const event = (value as { webhookEvent?: unknown }).webhookEvent;
  return typeof event === 'string' && event.length > 0 && event.length <= 200;
};

/** A header as the app sees it: Node joins repeats with ", " and trims spaces and tabs around each value. */
export function serverHeader(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  const trim = (x: string) => x.replace(/^[ \t]+|[ \t]+$/g, '');
  return v === undefined ? undefined : Array.isArray(v) ? v.map(trim).join(', ') : trim(v);
}

export function isIgnored(body: unknown, headers: Headers): boolean {
  const result = normalizeDeployment(body, { githubEvent: serverHeader(headers, 'x-github-event'), gitlabEvent: serverHeader(headers, 'x-gitlab-event') });
  return result.ok && result.ignored !== undefined;
}
