import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { prng } from '../support/chaos';
import { unstorableJson } from '../../src/common/json-safety';
import { createHmac, randomInt } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import pg from 'pg';
import { normalizeDeployment } from '../../src/deployments/domain/deployment.normalizer';
import { SECRET, USERS, startWorld, waitFor, type World } from '../support/jira-world';
import { ADMIN_TOKEN } from '../support/test-app';
import { bearer, tokenFor } from '../support/tokens';

/**
 * A seeded fuzzer (issue 6, "a fuzzer sending a few thousand malformed bodies and headers"): junk to
 * POST /webhooks/jira (JIRA_WEBHOOK_SECRET set), POST /api/deployments (ci token or GitHub signature) and
 * POST /api/pickups (developer token). Every answer must be 4xx (the exact code where contract.md fixes
 * it), nothing may be stored, and /health must still answer 200.
 *
 * One class of webhook is accepted by design and counted apart: a correctly signed JSON object with a
 * string `webhookEvent` ("fuzz:…", an event type the service ignores) and junk around it must be 202 and
 * stored once, and nothing else. Deployments answered 2xx by design, storing nothing: an authorised
 * `X-GitHub-Event: ping`, and an authorised delivery the service acknowledges without reading (a GitHub
 * `deployment` event, a GitLab event other than Deployment Hook). Deployment bodies are also sent as
 * GitHub's form delivery (`payload=<json>`), and with GitLab's `X-Gitlab-Token`. Rerun a failure with FUZZ_SEED=<seed> (printed in every message).
 *
 * Inputs that currently give 5xx (product bugs) are kept out of the random generator and pinned one by one
 * as single cases at the end of this file.
 */

/** Fixed unless asked: FUZZ_SEED=<n> replays a run, FUZZ_SEED=random draws a new one (printed). */
const SEED = process.env.FUZZ_SEED === 'random' ? randomInt(2 ** 31) : Number(process.env.FUZZ_SEED ?? 20261203) >>> 0;
const COUNTS = { webhooks: 1000, deployments: 650, pickups: 400 } as const;
const CONCURRENCY = 8;
/** Sending stops here even on a slow machine; the run still counts when at least MIN_SENT went out. */
const DEADLINE_MS = 30_000;
const MIN_SENT = 1_000;
const MIB = 1024 * 1024;
const GITHUB_SECRET = 'github-secret-for-fuzzing';
const GITLAB_TOKEN = 'gitlab-token-for-fuzzing';

type Endpoint = keyof typeof COUNTS;
const PATHS: Record<Endpoint, string> = { webhooks: '/webhooks/jira', deployments: '/api/deployments', pickups: '/api/pickups' };

// ---------------------------------------------------------------------------------------------- PRNG


class Gen {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  weighted<T>(xs: readonly (readonly [number, T])[]): T {
    let r = this.next() * xs.reduce((s, [w]) => s + w, 0);
    for (const [w, x] of xs) {
      r -= w;
      if (r < 0) return x;
    }
    return xs[xs.length - 1][1];
  }
}

/** One generator per case, so a case is the same whatever the concurrency did. */
const genFor = (endpoint: Endpoint, index: number) =>
  new Gen(prng(SEED ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(Object.keys(COUNTS).indexOf(endpoint) + 1, 0x85ebca6b)));

// ---------------------------------------------------------------------------------------- junk values

const ASCII = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~';
const UNICODE = ['é', 'ß', '日本', '😀', '\u202e', '\u0301', '\u200b', '\ufeff', 'Ω', '\u2028', '\t', '\n'];
/** Only in bodies that are refused before anything is stored (see the known bugs below). */
const POISON_STRINGS = ['\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d'];
const KEYS = ['a', 'id', 'key', 'issue', 'fields', 'status', 'items', '', ' ', 'a.b', '$where', '__proto__', 'constructor', 'prototype', 'k'.repeat(300)];
const POISON_KEYS = ['toString', 'valueOf'];

function asciiString(g: Gen, max: number): string {
  let s = '';
  const n = g.int(0, max);
  for (let i = 0; i < n; i += 1) s += g.chance(0.9) ? ASCII[g.int(0, ASCII.length - 1)] : g.pick(UNICODE);
  return s;
}

function scalar(g: Gen, poison: boolean): unknown {
  return g.weighted<() => unknown>([
    [3, () => g.pick([0, -1, 1, 1.5, -0.0001, 1e308, -1e308, 2 ** 53 + 1, 123456789012])],
    [2, () => g.pick([true, false, null])],
    [4, () => asciiString(g, 40)],
    [1, () => 'x'.repeat(g.int(200, 5000))],
    [poison ? 1 : 0, () => g.pick(POISON_STRINGS)],
  ])();
}

function junk(g: Gen, poison: boolean, depth = 0): unknown {
  if (depth >= 4 || g.chance(0.45)) return scalar(g, poison);
  if (g.chance(0.4)) return Array.from({ length: g.int(0, 4) }, () => junk(g, poison, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = g.int(0, 5); i > 0; i -= 1) {
    const key = poison && g.chance(0.1) ? g.pick(POISON_KEYS) : g.chance(0.5) ? g.pick(KEYS) : asciiString(g, 12);
    Object.defineProperty(o, key, { value: junk(g, poison, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return o;
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

function serialize(g: Gen, value: unknown): Buffer {
  const text = JSON.stringify(value, null, g.chance(0.2) ? g.pick([1, 2, '\t']) : undefined) ?? 'null';
  return utf8(g.chance(0.05) ? `\ufeff${text}` : g.chance(0.1) ? ` \n${text}\r\n ` : text);
}

/** Bodies that are junk whatever the endpoint. */
function junkBody(g: Gen, template: () => unknown): { kind: string; body: Buffer } {
  const kind = g.weighted<string>([
    [4, 'empty'], [2, 'whitespace'], [6, 'random-bytes'], [5, 'text'], [2, 'xml'], [2, 'form'],
    [8, 'truncated-json'], [5, 'json-scalar'], [6, 'json-array'], [10, 'json-junk'], [3, 'deep-array'],
    [3, 'deep-object'], [3, 'unbalanced'], [2, 'huge-string'], [3, 'invalid-utf8'], [2, 'raw-control-chars'],
    [3, 'edge-numbers'], [3, 'escapes'], [2, 'duplicate-keys'],
  ]);
  const n = () => g.int(1000, 30_000);
  switch (kind) {
    case 'empty': return { kind, body: Buffer.alloc(0) };
    case 'whitespace': return { kind, body: utf8(g.pick([' ', '\n', '\t\r\n  ', '\u00a0'])) };
    case 'random-bytes': return { kind, body: Buffer.from(Array.from({ length: g.int(1, 3000) }, () => g.int(0, 255))) };
    case 'text': return { kind, body: utf8(asciiString(g, 500)) };
    case 'xml': return { kind, body: utf8('<?xml version="1.0"?><issue><key>QAOPS-1</key><webhookEvent>jira:issue_updated</webhookEvent></issue>') };
    case 'form': return { kind, body: utf8('webhookEvent=jira%3Aissue_updated&id=x&environment=D&status=successful&issue[key]=QAOPS-1') };
    case 'truncated-json': {
      const text = JSON.stringify(template());
      return { kind, body: utf8(text.slice(0, g.int(1, Math.max(1, text.length - 1)))) };
    }
    case 'json-scalar': return { kind, body: serialize(g, scalar(g, true)) };
    case 'json-array': return { kind, body: serialize(g, g.chance(0.5) ? [template(), template()] : junk(g, true, 3) ?? []) };
    case 'json-junk': return { kind, body: serialize(g, junk(g, true)) };
    case 'deep-array': { const d = n(); return { kind, body: utf8('['.repeat(d) + ']'.repeat(d)) }; }
    case 'deep-object': { const d = n(); return { kind, body: utf8('{"a":'.repeat(d) + '1' + '}'.repeat(d)) }; }
    case 'unbalanced': { const d = n(); return { kind, body: utf8(g.chance(0.5) ? '['.repeat(d) : '{"a":'.repeat(d)) }; }
    case 'huge-string': return { kind, body: utf8(`{"x":"${'A'.repeat(g.int(100_000, 900_000))}"}`) };
    case 'invalid-utf8': return { kind, body: Buffer.concat([utf8('{"x":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]), utf8('"}')]) };
    case 'raw-control-chars': return { kind, body: Buffer.concat([utf8('{"x":"a'), Buffer.from([0x00, 0x01, 0x1f, 0x0a]), utf8('b"}')]) };
    case 'edge-numbers': return { kind, body: utf8(g.pick(['{"n":1e999}', '{"n":-0}', '{"n":123456789012345678901234567890}', '{"n":NaN}', '{"n":0x10}', '{"n":.5}', '[Infinity]'])) };
    case 'escapes': return { kind, body: utf8(g.pick(['{"x":"\\u0000"}', '{"x":"\\ud800"}', '{"x":"\\uZZZZ"}', '{"x":"\\q"}', '{"\\u0000":1}'])) };
    default: return { kind, body: utf8('{"a":1,"a":{"b":2},"a":[3]}') };
  }
}

// ----------------------------------------------------------------------------------- request model

type Headers = Record<string, string | string[]>;

interface FuzzCase {
  endpoint: Endpoint;
  index: number;
  label: string;
  headers: Headers;
  body: Buffer;
  chunked: boolean;
  /** Statuses that are right for this case. */
  expected: readonly number[];
  /**
   * Answered 2xx by design: `envelope` is a correctly signed Jira envelope with junk around it (202, stored
   * once); `ping` is an authorised `X-GitHub-Event: ping` (200/201, nothing stored); `ignored` is an
   * authorised GitHub `deployment` event or GitLab event other than Deployment Hook (202, nothing stored).
   */
  acceptedByDesign?: 'envelope' | 'ping' | 'ignored';
}

const FOUR_XX = Array.from({ length: 100 }, (_, i) => 400 + i);

/**
 * What body-parser will make of the body (it reads every body as JSON: app.setup.ts), or undefined when it
 * refuses it. On /api/deployments a form-encoded body that is not JSON is read as GitHub sends one: its
 * payload field (src/deployments/github-form-payload.middleware.ts).
 */
function parsedAsServerWould(c: Pick<FuzzCase, 'headers' | 'body'>, endpoint?: Endpoint): { value: unknown } | undefined {
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
  if (!/^[\x20\x09\x0a\x0d]*[[{]/.test(text)) return form();
  try {
    const value: unknown = JSON.parse(text);
    // the server refuses what PostgreSQL could not store right after parsing, like a parse error
    return unstorableJson(value) ? undefined : { value };
  } catch {
    return form();
  }
}

const isForm = (contentType: string | undefined) => /^\s*application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? '');

/** The JSON in a form body's payload field, as the server decodes it. */
function formPayload(body: Buffer): { value: unknown } | undefined {
  const payload = new URLSearchParams(body.toString('utf8')).get('payload');
  if (payload === null) return undefined;
  try {
    const value: unknown = JSON.parse(payload);
    return unstorableJson(value) ? undefined : { value };
  } catch {
    return undefined;
  }
}

/** GitHub's form delivery of a JSON value: payload=<percent-encoded UTF-8 of the JSON> (lone surrogates become U+FFFD, as in UTF-8). */
function formBody(value: unknown): Buffer {
  const bytes = Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
  const encoded = [...bytes].map((b) => (/[A-Za-z0-9*_.-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`)).join('');
  return utf8(`payload=${encoded}`);
}

/** The body as JSON, whatever the headers say (to keep storable bodies out of the junk, however the server reads it). */
function parsedLoosely(body: Buffer): { value: unknown } | undefined {
  return parsedAsServerWould({ headers: {}, body });
}

/**
 * Headers that make the server refuse the request before the route (431, 417) or change how the body
 * is read. `early`: certainly refused before the app; `nearLimit`: the header section is close to
 * Node's 16 KiB limit, which counts bytes this estimate does not see, so either answer is right.
 */
function withWeirdHeaders(g: Gen, headers: Headers): { headers: Headers; early: boolean; nearLimit: boolean } {
  const out: Headers = { ...headers };
  let early = false;
  if (g.chance(0.5)) {
    out['content-type'] = g.pick([
      'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=zz',
      'application/xml', 'application/json; charset=utf-8', 'application/json; charset=UTF-8', 'application/json; charset=latin1',
      'application/json; charset=utf-16', 'application/json; charset=', ';;;', '*/*', 'application/\x80\xff', 'x'.repeat(3000),
    ]);
  }
  if (g.chance(0.05)) out['content-encoding'] = g.pick(['gzip', 'deflate', 'br', 'identity', 'x-junk', 'gzip, gzip', '\xe9']);
  for (let i = g.weighted([[6, 0], [3, 2], [1, 12]]); i > 0; i -= 1) out[`x-fuzz-${asciiName(g)}`] = headerJunk(g);
  if (g.chance(0.03)) out['x-atlassian-webhook-retry'] = headerJunk(g);
  if (g.chance(0.006)) out['x-huge'] = 'h'.repeat(g.int(17_000, 40_000)); // over Node's 16 KiB header limit: 431
  // over Node's 16 KiB limit for the whole header section: 431 before the app sees it; near it: either
  const headerBytes = Object.entries(out).reduce((n, [k, v]) => n + k.length + 4 + (Array.isArray(v) ? v.join('').length + 4 * v.length : v.length), 0);
  if (headerBytes > 16_384) early = true;
  const nearLimit = !early && headerBytes > 12_000;
  if (g.chance(0.004)) {
    out.expect = g.pick(['x-junk', '101-switch']); // 417
    early = true;
  }
  return { headers: out, early, nearLimit };
}

/** The answer the app gives, or 431 too when the headers may be over Node's limit. */
function orRefusedEarly(weird: { nearLimit: boolean }, expected: readonly number[]): readonly number[] {
  return weird.nearLimit ? [...new Set([431, ...expected])] : expected;
}

function asciiName(g: Gen): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789-_!#$%&\'*+.^`|~';
  return Array.from({ length: g.int(1, 20) }, () => chars[g.int(0, chars.length - 1)]).join('');
}

/** A header value Node will send: tab, printable ASCII and Latin-1 bytes, any length. */
function headerJunk(g: Gen): string {
  return g.weighted<() => string>([
    [3, () => ''],
    [5, () => asciiString(g, 60).replace(/[^\t\x20-\x7e]/g, '?')],
    [3, () => Array.from({ length: g.int(1, 40) }, () => String.fromCharCode(g.pick([9, g.int(0x20, 0x7e), g.int(0x80, 0xff)]))).join('')],
    [1, () => 'v'.repeat(g.int(1000, 8000))],
  ])();
}

const hmac = (algorithm: string, secret: string, body: Buffer | string) => createHmac(algorithm, secret).update(body).digest('hex');

// ----------------------------------------------------------------------------------------- webhooks

function realisticJiraEvent(g: Gen): Record<string, unknown> {
  const id = String(g.int(10000, 99999));
  const timestamp = 1_764_300_000_000 + g.int(0, 1e9);
  return g.pick([
    () => ({
      timestamp, webhookEvent: 'jira:issue_updated', user: { accountId: USERS.dev1 },
      issue: { id, key: `QAOPS-${id}`, fields: { summary: 's', status: { id: '3', name: 'In Progress' }, labels: ['3rd-line'] } },
      changelog: { id: '1', items: [{ field: 'status', fieldId: 'status', from: '10002', fromString: 'Ready for sprint', to: '3', toString: 'In Progress' }] },
    }),
    () => ({ timestamp, webhookEvent: 'jira:issue_created', issue: { id, key: `QAOPS-${id}`, fields: { summary: 'x' } } }),
    () => ({ timestamp, webhookEvent: 'issuelink_created', issueLink: { id: 1, sourceIssueId: id, destinationIssueId: '2', issueLinkType: { name: 'Relates' } } }),
    () => ({ timestamp, webhookEvent: 'sprint_started', sprint: { id: 10, name: 'Sprint 10', originBoardId: 2 } }),
  ])();
}

const storable = (value: unknown) => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const event = (value as { webhookEvent?: unknown }).webhookEvent;
  return typeof event === 'string' && event.length > 0 && event.length <= 200;
};

/** A Jira-looking body whose webhookEvent is not a usable string. */
function notAnEvent(g: Gen): unknown {
  const event = realisticJiraEvent(g);
  const bad = g.pick<() => unknown>([
    () => undefined, () => 42, () => null, () => true, () => [], () => ({}), () => '', () => 'e'.repeat(g.int(201, 5000)),
    () => ['jira:issue_updated'], () => ({ toString: 'jira:issue_updated' }), () => junk(g, true, 3),
  ])();
  if (bad === undefined) delete event.webhookEvent;
  else event.webhookEvent = bad;
  if (g.chance(0.3)) {
    event.WebhookEvent = 'jira:issue_updated';
    event.webhook_event = 'jira:issue_updated';
  }
  if (g.chance(0.3)) event.issue = junk(g, true);
  return event;
}

/** Safe junk for stored envelopes: no NUL, lone surrogates, poison keys, numbers out of bigint range or deep nesting (known bugs). */
function safeJunk(g: Gen, depth = 0): unknown {
  if (depth >= 3 || g.chance(0.5)) return g.pick<() => unknown>([() => asciiString(g, 30), () => g.int(-1000, 1000), () => null, () => true, () => 'é😀\u202e'])();
  if (g.chance(0.4)) return Array.from({ length: g.int(0, 3) }, () => safeJunk(g, depth + 1));
  return Object.fromEntries(Array.from({ length: g.int(0, 4) }, () => [g.pick(['a', 'b', 'fields', 'constructor', asciiString(g, 8)]), safeJunk(g, depth + 1)]));
}

type Signing = 'sha256' | 'sha1' | 'sha256-upper-method' | 'sha256-upper-hex' | 'token';

function signed(how: Signing, body: Buffer): Headers {
  switch (how) {
    case 'sha256': return { 'x-hub-signature': `sha256=${hmac('sha256', SECRET, body)}` };
    case 'sha1': return { 'x-hub-signature': `sha1=${hmac('sha1', SECRET, body)}` };
    case 'sha256-upper-method': return { 'x-hub-signature': `SHA256=${hmac('sha256', SECRET, body)}` };
    case 'sha256-upper-hex': return { 'x-hub-signature': `sha256=${hmac('sha256', SECRET, body).toUpperCase()}` };
    default: return { 'x-webhook-token': SECRET };
  }
}

/** Signatures and tokens that are wrong for sure (none of them is a valid one in disguise). */
function badSignature(g: Gen, body: Buffer): { label: string; headers: Headers } {
  const good = hmac('sha256', SECRET, body);
  const kinds: [string, () => Headers][] = [
    ['missing', () => ({})],
    ['empty', () => ({ 'x-hub-signature': '' })],
    ['wrong-secret', () => ({ 'x-hub-signature': `sha256=${hmac('sha256', `${SECRET}x`, body)}` })],
    ['other-body', () => ({ 'x-hub-signature': `sha256=${hmac('sha256', SECRET, Buffer.concat([body, utf8(' ')]))}` })],
    ['random-hex', () => ({ 'x-hub-signature': `sha256=${Array.from({ length: 64 }, () => '0123456789abcdef'[g.int(0, 15)]).join('')}` })],
    ['truncated', () => ({ 'x-hub-signature': `sha256=${good.slice(0, g.int(0, 62))}` })],
    ['no-method', () => ({ 'x-hub-signature': good })],
    ['wrong-method', () => ({ 'x-hub-signature': `${g.pick(['md5', 'sha512', 'sha-256', 'hmac', ''])}=${good}` })],
    ['sha1-length', () => ({ 'x-hub-signature': `sha1=${good}` })],
    ['non-hex', () => ({ 'x-hub-signature': `sha256=${'z'.repeat(64)}` })],
    ['garbled', () => ({ 'x-hub-signature': headerJunk(g) })],
    ['two-bad', () => ({ 'x-hub-signature': [`sha256=${'0'.repeat(64)}`, `sha256=${hmac('sha256', 'nope', body)}`] })],
    ['github-header', () => ({ 'x-hub-signature-256': `sha256=${good}` })],
    ['wrong-token', () => ({ 'x-webhook-token': g.pick([`${SECRET}x`, SECRET.toUpperCase(), SECRET.slice(1), 'secret', headerJunk(g) || 'x']) })],
    ['bad-sig-and-token', () => ({ 'x-hub-signature': `sha256=${'f'.repeat(64)}`, 'x-webhook-token': 'nope' })],
  ];
  const [label, make] = g.pick(kinds);
  return { label, headers: make() };
}

function webhookCase(g: Gen, index: number): FuzzCase {
  const base = { endpoint: 'webhooks' as const, index, chunked: g.chance(0.15) };
  const signing: Signing = g.weighted([[6, 'sha256'], [1, 'sha1'], [1, 'sha256-upper-method'], [1, 'sha256-upper-hex'], [2, 'token']]);
  if (g.chance(0.06)) {
    // accepted by design: a signed envelope with an event type the service ignores, and safe junk around it
    const envelope: Record<string, unknown> = { webhookEvent: `fuzz:${asciiString(g, 40).replace(/[^\x20-\x7e]/g, '')}`, timestamp: g.int(1, 2 ** 40) };
    for (let i = g.int(0, 4); i > 0; i -= 1) envelope[g.pick(['noise', 'user', 'changelog', 'matchedWebhookIds', 'extra'])] = safeJunk(g);
    const body = utf8(JSON.stringify(envelope));
    const headers: Headers = { 'content-type': g.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']), ...signed(signing, body) };
    if (g.chance(0.5)) headers['x-atlassian-webhook-identifier'] = g.chance(0.2) ? `dup-${g.int(1, 3)}` : `${SEED}-${index}-${asciiName(g)}`;
    if (g.chance(0.2)) headers['x-atlassian-webhook-retry'] = String(g.int(1, 5));
    return { ...base, label: `signed(${signing}) envelope fuzz:*`, headers, body, expected: [202], acceptedByDesign: 'envelope' };
  }
  const { kind, body: raw } = g.chance(0.35) ? { kind: 'not-an-event', body: serialize(g, notAnEvent(g)) } : junkBody(g, () => realisticJiraEvent(g));
  const sign = g.chance(0.55);
  const wrong = badSignature(g, raw);
  const weird = withWeirdHeaders(g, sign ? signed(signing, raw) : wrong.headers);
  if (g.chance(0.1)) weird.headers['x-atlassian-webhook-identifier'] = headerJunk(g);
  let body = raw;
  const loose = parsedLoosely(body);
  if (sign && loose && storable(loose.value)) {
    // junk that happens to be a storable event: make it an array (never stored) and sign that instead
    body = Buffer.concat([utf8('['), raw, utf8(']')]);
    Object.assign(weird.headers, signed(signing, body));
  }
  const parsed = parsedAsServerWould({ headers: weird.headers, body });
  const expected = weird.early || !parsed ? FOUR_XX : orRefusedEarly(weird, sign ? [400] : [401]);
  return { ...base, label: `${sign ? `signed(${signing})` : `unsigned(${wrong.label})`} ${kind}`, headers: weird.headers, body, expected };
}

// -------------------------------------------------------------------------------------- deployments

function nativeDeployment(g: Gen): Record<string, unknown> {
  return {
    id: `fuzz-${g.int(1, 1e9)}`, environment: g.pick(['D', 'd', 'QA', 'prod']), status: g.pick(['successful', 'failed', 'in_progress', 'cancelled']),
    issueKeys: ['QAOPS-1'], commits: [{ sha: '9f1c2e7', message: 'QAOPS-1 fix' }], url: 'https://ci.example/1', branch: 'bugfix/QAOPS-1',
  };
}

function githubDeployment(g: Gen): Record<string, unknown> {
  return {
    action: 'created',
    deployment_status: { id: g.int(1, 1e6), state: g.pick(['success', 'failure', 'error', 'pending']), environment: 'D', target_url: 'https://ci.example/run/1' },
    deployment: { id: g.int(1, 1e6), ref: 'bugfix/QAOPS-1', environment: 'D', description: null, payload: {} },
  };
}

function jiraDeployments(g: Gen): Record<string, unknown> {
  return {
    deployments: [{
      deploymentSequenceNumber: g.int(1, 1e6), updateSequenceNumber: 1, state: 'successful', displayName: 'deploy', url: 'https://ci.example/12',
      pipeline: { id: 'deploy-d', displayName: 'deploy D', url: 'https://ci.example' }, environment: { id: 'env-d', displayName: 'D', type: 'testing' },
      associations: [{ associationType: g.pick(['issueKeys', 'issueIdOrKeys']), values: ['QAOPS-1'] }],
    }],
  };
}

function gitlabDeployment(g: Gen): Record<string, unknown> {
  return {
    object_kind: 'deployment', status: g.pick(['success', 'failed', 'running', 'canceled']), status_changed_at: '2021-04-28 21:50:00 +0200',
    deployment_id: g.int(1, 1e6), deployable_id: 796, deployable_url: 'https://gitlab.example/acme/flight/-/jobs/796', environment: g.pick(['D', 'staging']),
    environment_tier: g.pick(['development', 'staging', 'other']), project: { id: 30, path_with_namespace: 'acme/flight' }, short_sha: '279484c0',
    commit_url: 'https://gitlab.example/acme/flight/-/commit/279484c0', commit_title: 'QAOPS-1 fix', ref: 'main',
  };
}

/** Breaks a deployment body in 1–3 places, at any depth. */
function breakDeployment(g: Gen, body: Record<string, unknown>): unknown {
  const wrong = () => g.pick<() => unknown>([
    () => undefined, () => null, () => '', () => '   ', () => 42, () => -1, () => 1.5, () => true, () => [], () => ({}),
    () => 'x'.repeat(g.int(201, 3000)), () => junk(g, true), () => 'SUCCESS', () => 'done', () => g.pick(POISON_STRINGS),
  ])();
  const holders = (o: unknown, path: string[] = []): [Record<string, unknown>, string][] => {
    if (!o || typeof o !== 'object') return [];
    return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => [[o as Record<string, unknown>, k] as [Record<string, unknown>, string], ...holders(v, [...path, k])]);
  };
  for (let i = g.int(1, 3); i > 0; i -= 1) {
    const all = holders(body);
    if (all.length === 0) break;
    const [owner, key] = g.pick(all);
    const value = wrong();
    if (value === undefined) delete owner[key];
    else owner[key] = value;
  }
  if (g.chance(0.1)) for (let i = g.int(1, 200); i > 0; i -= 1) (body.commits as unknown[] | undefined)?.push?.(junk(g, true, 3));
  return body;
}

function deploymentCase(g: Gen, index: number, tokens: Record<string, string>): FuzzCase {
  const shape = g.weighted<'native' | 'github' | 'jira' | 'gitlab' | 'junk'>([[3, 'native'], [3, 'github'], [2, 'jira'], [2, 'gitlab'], [3, 'junk']]);
  const make = { native: nativeDeployment, github: githubDeployment, jira: jiraDeployments, gitlab: gitlabDeployment, junk: undefined }[shape];
  // a structured body is sometimes sent as GitHub's form delivery, payload=<json>
  const asForm = make !== undefined && g.chance(0.12);
  let value = make ? breakDeployment(g, make(g)) : undefined;
  const { kind, body: initial } = make ? { kind: `${shape}-broken${asForm ? '-as-form' : ''}`, body: asForm ? formBody(value) : serialize(g, value) } : junkBody(g, () => nativeDeployment(g));
  let githubEvent: string | string[] | undefined = shape === 'github' ? 'deployment_status' : undefined;
  if (g.chance(0.2)) githubEvent = g.pick<string | string[]>(['deployment_status', 'DEPLOYMENT_STATUS', 'push', 'deployment', '', 'deployment_status ', 'ping', headerJunk(g), ['deployment_status', 'push']]);
  let gitlabEvent: string | undefined = shape === 'gitlab' ? 'Deployment Hook' : undefined;
  if (g.chance(shape === 'gitlab' ? 0.3 : 0.06)) gitlabEvent = g.pick(['Deployment Hook', 'Push Hook', 'Pipeline Hook', 'deployment hook', '', headerJunk(g)]);
  const auth = g.weighted<'ci' | 'ci-lowercase-scheme' | 'github-signed' | 'github-bad-sig' | 'github-bad-sig+ci' | 'gitlab-token' | 'gitlab-bad-token' | 'gitlab-bad-token+ci' | 'none' | 'unknown' | 'malformed' | 'developer' | 'po'>([
    [10, 'ci'], [1, 'ci-lowercase-scheme'], [3, 'github-signed'], [3, 'github-bad-sig'], [2, 'github-bad-sig+ci'], [2, 'gitlab-token'], [2, 'gitlab-bad-token'], [1, 'gitlab-bad-token+ci'],
    [2, 'none'], [2, 'unknown'], [2, 'malformed'], [1, 'developer'], [1, 'po'],
  ]);
  const badGitlabToken = () => g.pick(['', 'x', GITLAB_TOKEN.toUpperCase(), `${GITLAB_TOKEN}x`, GITLAB_TOKEN.slice(1), headerJunk(g)]);
  const headersFor = (body: Buffer): Headers => {
    const h: Headers = {};
    if (githubEvent !== undefined) h['x-github-event'] = githubEvent;
    if (gitlabEvent !== undefined) h['x-gitlab-event'] = gitlabEvent;
    const goodSig = `sha256=${hmac('sha256', GITHUB_SECRET, body)}`;
    const badSig = () => g.pick([`sha256=${hmac('sha256', 'not-the-secret', body)}`, `sha1=${hmac('sha1', GITHUB_SECRET, body)}`, goodSig.toUpperCase(), goodSig.slice(0, 40), '', headerJunk(g), `sha256=${'0'.repeat(64)}`]);
    switch (auth) {
      case 'ci': Object.assign(h, bearer(tokens.ci)); break;
      case 'ci-lowercase-scheme': h.authorization = `bearer ${tokens.ci}`; break;
      case 'github-signed': h['x-hub-signature-256'] = goodSig; break;
      case 'github-bad-sig': h['x-hub-signature-256'] = badSig(); break;
      case 'github-bad-sig+ci': Object.assign(h, bearer(tokens.ci)); h['x-hub-signature-256'] = badSig(); break;
      case 'gitlab-token': h['x-gitlab-token'] = GITLAB_TOKEN; break;
      case 'gitlab-bad-token': h['x-gitlab-token'] = badGitlabToken(); break;
      case 'gitlab-bad-token+ci': Object.assign(h, bearer(tokens.ci)); h['x-gitlab-token'] = badGitlabToken(); break;
      case 'none': break;
      case 'unknown': h.authorization = `Bearer sfo_${asciiName(g)}`; break;
      case 'malformed': h.authorization = g.pick([`Token ${tokens.ci}`, `Bearer ${tokens.ci} extra`, 'Bearer', `Basic ${Buffer.from('ci:x').toString('base64')}`, headerJunk(g), `Bearer\t`]); break;
      case 'developer': Object.assign(h, bearer(tokens.developer)); break;
      case 'po': Object.assign(h, bearer(tokens.po)); break;
    }
    return h;
  };
  let body = initial;
  const withHeaders = (forBody: Buffer, extra: Headers) => {
    const headers = { ...extra, ...headersFor(forBody) };
    if (asForm) headers['content-type'] = 'application/x-www-form-urlencoded';
    return headers;
  };
  let weird = withWeirdHeaders(g, headersFor(body));
  if (asForm) weird.headers['content-type'] = 'application/x-www-form-urlencoded';
  let parsed = parsedAsServerWould({ headers: weird.headers, body }, 'deployments');
  const variants = (name: string): (string | undefined)[] => {
    const v = weird.headers[name];
    return v === undefined ? [undefined] : [(Array.isArray(v) ? v.join(', ') : v).trim(), undefined, ...(Array.isArray(v) ? v : [v])];
  };
  const wouldStore = () => {
    const candidates = [parsedLoosely(body), formPayload(body)].flatMap((c) => (c ? [c.value] : []));
    return candidates.some((candidate) => variants('x-github-event').some((githubEvent) => variants('x-gitlab-event').some((gitlab) => {
      const result = normalizeDeployment(candidate, { githubEvent, gitlabEvent: gitlab });
      return result.ok && result.deployments.length > 0;
    })));
  };
  if (wouldStore()) {
    // junk that happens to be a valid deployment: an array of it is never one
    body = asForm ? formBody([value]) : Buffer.concat([utf8('['), body, utf8(']')]);
    value = undefined;
    const extra = Object.fromEntries(Object.entries(weird.headers).filter(([k]) => !['authorization', 'x-hub-signature-256', 'x-github-event', 'x-gitlab-event', 'x-gitlab-token'].includes(k)));
    weird = { headers: withHeaders(body, extra), early: weird.early, nearLimit: weird.nearLimit };
    parsed = parsedAsServerWould({ headers: weird.headers, body }, 'deployments');
    if (wouldStore()) throw new Error(`seed=${SEED} deployments case #${index}: the generator could not break the body`);
  }
  // the app answers a GitHub ping (to an authorised caller) with 2xx and stores nothing, whatever the body
  // (today 201, Nest's default for POST: the handler returns before setting 200 or 202)
  const ping = weird.headers['x-github-event'] === 'ping';
  // a GitHub deployment event, or a GitLab event other than Deployment Hook, is 202 ignored: the headers as the server reads them
  const ignored = !ping && parsed !== undefined && isIgnored(parsed.value, weird.headers);
  const authorized = ['ci', 'ci-lowercase-scheme', 'github-signed', 'github-bad-sig+ci', 'gitlab-token', 'gitlab-bad-token+ci'].includes(auth);
  let expected: readonly number[] = FOUR_XX;
  if (!weird.early && parsed) expected = orRefusedEarly(weird, !authorized ? (auth === 'developer' || auth === 'po' ? [403] : [401]) : ping ? [200, 201] : ignored ? [202] : [400]);
  const events = `${githubEvent !== undefined ? ` +X-GitHub-Event:${JSON.stringify(githubEvent).slice(0, 30)}` : ''}${gitlabEvent !== undefined ? ` +X-Gitlab-Event:${JSON.stringify(gitlabEvent).slice(0, 30)}` : ''}`;
  const byDesign = authorized && !weird.early && parsed ? (ping ? 'ping' : ignored ? 'ignored' : undefined) : undefined;
  return {
    endpoint: 'deployments', index, label: `${auth} ${kind}${events}`,
    headers: weird.headers, body, chunked: g.chance(0.15), expected, ...(byDesign ? { acceptedByDesign: byDesign } : {}),
  };
}

/** A header as the app sees it: Node joins repeats with ", " and trims spaces and tabs around each value. */
function serverHeader(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  const trim = (x: string) => x.replace(/^[ \t]+|[ \t]+$/g, '');
  return v === undefined ? undefined : Array.isArray(v) ? v.map(trim).join(', ') : trim(v);
}

function isIgnored(body: unknown, headers: Headers): boolean {
  const result = normalizeDeployment(body, { githubEvent: serverHeader(headers, 'x-github-event'), gitlabEvent: serverHeader(headers, 'x-gitlab-event') });
  return result.ok && result.ignored !== undefined;
}

// ------------------------------------------------------------------------------------------ pickups

function pickupCase(g: Gen, index: number, tokens: Record<string, string>): FuzzCase {
  const who = g.weighted<'designated' | 'not-designated' | 'ci' | 'none' | 'unknown' | 'malformed'>([
    [5, 'designated'], [4, 'not-designated'], [2, 'ci'], [2, 'none'], [2, 'unknown'], [1, 'malformed'],
  ]);
  const { kind, body } = g.chance(0.2)
    ? { kind: 'plausible-object', body: serialize(g, g.pick([{ key: 'QAOPS-1' }, { force: true }, { accountId: USERS.dev2 }, { key: 'QAOPS-1', assignee: USERS.dev1 }])) }
    : junkBody(g, () => ({ key: 'QAOPS-1', force: true }));
  const h: Headers = {};
  if (who === 'designated') Object.assign(h, bearer(tokens.developer));
  if (who === 'not-designated') Object.assign(h, bearer(tokens.developer2));
  if (who === 'ci') Object.assign(h, bearer(tokens.ci));
  if (who === 'unknown') h.authorization = `Bearer ${g.pick([`sfo_${asciiName(g)}`, 'x'.repeat(g.int(1, 5000)), headerJunk(g) || 'y'])}`;
  if (who === 'malformed') h.authorization = g.pick([tokens.developer, `Token ${tokens.developer}`, `Bearer ${tokens.developer} ${tokens.developer}`, headerJunk(g)]);
  const weird = withWeirdHeaders(g, h);
  const parsed = parsedAsServerWould({ headers: weird.headers, body });
  // designated: 404 queue_empty (Ready for sprint is empty); not designated: 403 not_designated; ci: 403 forbidden
  const status = { designated: 404, 'not-designated': 403, ci: 403, none: 401, unknown: 401, malformed: 401 }[who];
  return { endpoint: 'pickups', index, label: `${who} ${kind}`, headers: weird.headers, body, chunked: g.chance(0.15), expected: !weird.early && parsed ? orRefusedEarly(weird, [status]) : FOUR_XX };
}

// ---------------------------------------------------------------------------------------- transport

interface Answer {
  status: number | string;
  body: string;
}

function send(baseUrl: string, agent: Agent, c: FuzzCase): Promise<Answer> {
  return new Promise((resolve) => {
    let answered = false;
    const finish = (a: Answer) => {
      if (!answered) {
        answered = true;
        resolve(a);
      }
    };
    const headers: Headers = { ...c.headers };
    if (!c.chunked) headers['content-length'] = String(c.body.length);
    let req;
    try {
      req = httpRequest(`${baseUrl}${PATHS[c.endpoint]}`, { method: 'POST', agent, headers, timeout: 15_000 }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < 2048) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => finish({ status: res.statusCode ?? 'no-status', body: Buffer.concat(chunks).toString('utf8').slice(0, 2048) }));
        res.on('error', (e) => finish({ status: `response-error:${(e as NodeJS.ErrnoException).code ?? e.message}`, body: '' }));
      });
    } catch (error) {
      finish({ status: `client-refused:${(error as Error).message}`, body: '' });
      return;
    }
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => finish({ status: `network:${(e as NodeJS.ErrnoException).code ?? e.message}`, body: '' }));
    if (c.chunked && c.body.length > 1) {
      const cut = Math.floor(c.body.length / 2);
      req.write(c.body.subarray(0, cut));
      req.end(c.body.subarray(cut));
    } else {
      req.end(c.body);
    }
  });
}

const describeCase = (c: FuzzCase) => {
  const shown = Object.entries(c.headers).filter(([k]) => !k.startsWith('x-fuzz-'));
  const extra = Object.entries(c.headers).filter(([k]) => k.startsWith('x-fuzz-'));
  const headers = Object.fromEntries(shown.map(([k, v]) => [k, (Array.isArray(v) ? v.join(' | ') : v).slice(0, 100)]));
  if (extra.length > 0) headers['(x-fuzz-*)'] = `${extra.length} junk headers, ${extra.reduce((n, [, v]) => n + String(v).length, 0)} characters`;
  const body = c.body.length > 200 ? `${JSON.stringify(c.body.subarray(0, 200).toString('latin1'))}… (${c.body.length} bytes)` : JSON.stringify(c.body.toString('latin1'));
  return `${c.endpoint} #${c.index} [${c.label}]${c.chunked ? ' chunked' : ''} headers=${JSON.stringify(headers)} body=${body}`;
};

// -------------------------------------------------------------------------------------------- tests

const TABLES = ['webhook_event', 'deployment', 'slot_occupancy', 'audit_event', 'jira_command', 'violation', 'ticket', 'api_token', 'rota_assignment', 'data_fix'] as const;

describe(`fuzzing /webhooks/jira, /api/deployments and /api/pickups (seed ${SEED}; rerun with FUZZ_SEED=${SEED})`, () => {
  let w: World;
  let db: pg.Client;
  const tokens: Record<string, string> = {};

  const countRows = async (): Promise<Record<string, number>> => {
    const sql = `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`;
    return (await db.query(sql)).rows[0] as Record<string, number>;
  };

  beforeAll(async () => {
    w = await startWorld({ GITHUB_WEBHOOK_SECRET: GITHUB_SECRET, GITLAB_WEBHOOK_TOKEN: GITLAB_TOKEN });
    tokens.ci = await tokenFor(w.app.url, 'ci');
    tokens.po = await tokenFor(w.app.url, 'po');
    tokens.developer = await tokenFor(w.app.url, 'developer', USERS.dev1);
    tokens.developer2 = await tokenFor(w.app.url, 'developer', USERS.dev2);
    // dev1 is designated and Ready for sprint is empty: a pickup by dev1 is 404 queue_empty and changes nothing
    const rota = await fetch(`${w.app.url}/api/rota`, { method: 'PUT', headers: { ...bearer(ADMIN_TOKEN), 'content-type': 'application/json' }, body: JSON.stringify({ accountId: USERS.dev1 }) });
    expect(rota.status).toBe(200);
    db = new pg.Client({ connectionString: w.app.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await w?.close();
  });

  it('a few thousand malformed bodies and headers: every answer 4xx, nothing stored, still healthy', async () => {
    const before = await countRows();
    const cases: (() => FuzzCase)[] = [];
    for (const endpoint of Object.keys(COUNTS) as Endpoint[]) {
      for (let i = 0; i < COUNTS[endpoint]; i += 1) {
        cases.push(() => {
          const g = genFor(endpoint, i);
          if (i % 300 === 150) {
            // over 1 MiB, a few times per endpoint: 413 before anything else
            const size = MIB + g.int(1, 200_000);
            const body = Buffer.alloc(size, 0x20);
            body.write(`{"webhookEvent":"jira:issue_updated","id":"x","environment":"D","status":"successful","pad":"`, 0);
            body.write('"}', size - 2);
            const headers: Headers = endpoint === 'webhooks' ? { 'x-hub-signature': `sha256=${hmac('sha256', SECRET, body)}` } : bearer(endpoint === 'pickups' ? tokens.developer : tokens.ci);
            return { endpoint, index: i, label: 'oversized', headers: { ...headers, 'content-type': 'application/json' }, body, chunked: g.chance(0.5), expected: [413] };
          }
          return endpoint === 'webhooks' ? webhookCase(g, i) : endpoint === 'deployments' ? deploymentCase(g, i, tokens) : pickupCase(g, i, tokens);
        });
      }
    }
    // interleave the endpoints in a seeded order
    const order = new Gen(prng(SEED));
    for (let i = cases.length - 1; i > 0; i -= 1) {
      const j = order.int(0, i);
      [cases[i], cases[j]] = [cases[j], cases[i]];
    }

    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const histogram: Record<Endpoint, Record<string, number>> = { webhooks: {}, deployments: {}, pickups: {} };
    const failures: string[] = [];
    let acceptedFresh = 0;
    let acceptedDuplicate = 0;
    let sent = 0;
    const started = Date.now();
    let next = 0;
    const worker = async () => {
      while (next < cases.length && Date.now() - started < DEADLINE_MS) {
        const c = cases[next++]();
        const answer = await send(w.app.url, agent, c);
        sent += 1;
        const byDesign = c.acceptedByDesign && typeof answer.status === 'number' && answer.status < 300;
        const bucket = byDesign ? `${answer.status}(${c.acceptedByDesign}, by design)` : String(answer.status);
        histogram[c.endpoint][bucket] = (histogram[c.endpoint][bucket] ?? 0) + 1;
        if (typeof answer.status !== 'number' || !c.expected.includes(answer.status)) {
          failures.push(`${describeCase(c)} → ${answer.status} ${answer.body.slice(0, 300)} (expected ${c.expected === FOUR_XX ? '4xx' : c.expected.join('/')})`);
        } else if (c.acceptedByDesign === 'envelope') {
          if (/"duplicate":\s*false/.test(answer.body)) acceptedFresh += 1;
          else acceptedDuplicate += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();
    const elapsed = Date.now() - started;

    const hist = (e: Endpoint) => Object.entries(histogram[e]).sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}×${n}`).join(' ');
    const total = (e: Endpoint) => Object.values(histogram[e]).reduce((a, b) => a + b, 0);
    const cut = sent < cases.length ? ` (stopped at the ${DEADLINE_MS / 1000}s deadline; ${cases.length - sent} not sent)` : '';
    const summary = `fuzz-inputs seed=${SEED}: ${sent} requests${cut} in ${(elapsed / 1000).toFixed(1)}s | webhooks ${total('webhooks')} {${hist('webhooks')}} | deployments ${total('deployments')} {${hist('deployments')}} | pickups ${total('pickups')} {${hist('pickups')}} | envelopes stored by design ${acceptedFresh} (+${acceptedDuplicate} duplicates)`;
    console.log(summary);

    const context = `seed=${SEED} (rerun with FUZZ_SEED=${SEED})`;
    if (sent < MIN_SENT) throw new Error(`${context}: only ${sent} of ${cases.length} requests were sent within ${DEADLINE_MS} ms\n${summary}`);
    if (failures.length > 0) {
      throw new Error(`${context}: ${failures.length} unexpected answers\n${summary}\nfirst ones:\n${failures.slice(0, 15).join('\n')}`);
    }

    // nothing stored, except the signed envelopes (each once); they are processed as ignored events, writing nothing else
    await waitFor('the stored envelopes to be processed', async () =>
      (await db.query(`SELECT count(*)::int AS n FROM webhook_event WHERE status = 'pending'`)).rows[0].n === 0);
    const after = await countRows();
    const delta = Object.fromEntries(TABLES.map((t) => [t, after[t] - before[t]]));
    expect({ context, delta }).toEqual({ context, delta: { ...Object.fromEntries(TABLES.map((t) => [t, 0])), webhook_event: acceptedFresh } });
    const stored = (await db.query(`SELECT event_type, status FROM webhook_event ORDER BY id DESC LIMIT $1`, [acceptedFresh])).rows as { event_type: string; status: string }[];
    expect({ context, notEnvelopes: stored.filter((r) => !r.event_type.startsWith('fuzz:') || r.status !== 'processed') }).toEqual({ context, notEnvelopes: [] });

    const health = await fetch(`${w.app.url}/health`);
    expect({ context, health: health.status }).toEqual({ context, health: 200 });
  }, 90_000);

  /** Inputs the fuzzer once got a 500 for: each is now refused with 400 and stores nothing. */
  describe('inputs that used to reach the database and fail there', () => {
    const postSigned = async (text: string) => {
      const res = await fetch(`${w.app.url}/webhooks/jira`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature': `sha256=${hmac('sha256', SECRET, text)}` }, body: text });
      return { status: res.status, body: await res.text() };
    };
    const postDeployment = async (body: unknown) => {
      const res = await fetch(`${w.app.url}/api/deployments`, { method: 'POST', headers: { ...bearer(tokens.ci), 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.text() };
    };
    const notServerError = (answer: { status: number; body: string }) => {
      expect([answer.status, answer.body.slice(0, 200)]).toEqual([400, expect.any(String)]);
    };

    it('webhook: an object where issue.id should be (with a "toString" key) is refused with 400', async () => {
      notServerError(await postSigned('{"webhookEvent":"jira:issue_updated","timestamp":1,"issue":{"id":{"toString":1},"key":"QAOPS-1"}}'));
    });
    it('webhook: an object as timestamp (with "toString"/"valueOf" keys) is refused with 400', async () => {
      notServerError(await postSigned('{"webhookEvent":"fuzz:bug","timestamp":{"toString":1}}'));
    });
    it('webhook: a timestamp beyond bigint (1e20) is refused with 400', async () => {
      notServerError(await postSigned('{"webhookEvent":"fuzz:bug-ts","timestamp":1e20}'));
    });
    it('webhook: "\\u0000" in any string of the body is refused with 400', async () => {
      notServerError(await postSigned('{"webhookEvent":"fuzz:bug-nul","timestamp":1,"x":"a\\u0000b"}'));
    });
    it('webhook: "\\u0000" in webhookEvent is refused with 400', async () => {
      notServerError(await postSigned('{"webhookEvent":"fuzz:\\u0000","timestamp":1}'));
    });
    it('webhook: a lone surrogate ("\\ud800") in a string is refused with 400', async () => {
      notServerError(await postSigned('{"webhookEvent":"fuzz:bug-surrogate","timestamp":1,"x":"\\ud800"}'));
    });
    it('webhook: 20,000 levels of nesting in a signed event is refused with 400', async () => {
      notServerError(await postSigned(`{"webhookEvent":"fuzz:bug-deep","timestamp":1,"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`));
    });
    it('deployments: "\\u0000" in id is refused with 400', async () => {
      notServerError(await postDeployment({ id: 'bug-nul\u0000', environment: 'QA', status: 'failed' }));
    });
    it('deployments: a lone surrogate in id is refused with 400', async () => {
      notServerError(await postDeployment({ id: 'bug-surrogate\ud800', environment: 'QA', status: 'failed' }));
    });
  });
});
