import { prng } from '../chaos';
import { ENDPOINTS, type Endpoint } from './fuzz-case';

/** Seeded choices: every draw of a case comes from its own Gen. */
export class Gen {
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
export const genFor = (seed: number, endpoint: Endpoint, index: number) =>
  new Gen(prng(seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(ENDPOINTS.indexOf(endpoint) + 1, 0x85ebca6b)));

const ASCII = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~';
const UNICODE = ['é', 'ß', '日本', '😀', '\u202e', '\u0301', '\u200b', '\ufeff', 'Ω', '\u2028', '\t', '\n'];
/** Only in bodies that are refused before anything is stored (the inputs pinned at the end of test/e2e/fuzz-inputs.e2e-spec.ts). */
export const POISON_STRINGS = ['\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d'];
const KEYS = ['a', 'id', 'key', 'issue', 'fields', 'status', 'items', '', ' ', 'a.b', '$where', '__proto__', 'constructor', 'prototype', 'k'.repeat(300)];
const POISON_KEYS = ['toString', 'valueOf'];

export function asciiString(g: Gen, max: number): string {
  let s = '';
  const n = g.int(0, max);
  for (let i = 0; i < n; i += 1) s += g.chance(0.9) ? ASCII[g.int(0, ASCII.length - 1)] : g.pick(UNICODE);
  return s;
}

export function scalar(g: Gen, poison: boolean): unknown {
  return g.weighted<() => unknown>([
    [3, () => g.pick([0, -1, 1, 1.5, -0.0001, 1e308, -1e308, 2 ** 53 + 1, 123456789012])],
    [2, () => g.pick([true, false, null])],
    [4, () => asciiString(g, 40)],
    [1, () => 'x'.repeat(g.int(200, 5000))],
    [poison ? 1 : 0, () => g.pick(POISON_STRINGS)],
  ])();
}

export function junk(g: Gen, poison: boolean, depth = 0): unknown {
  if (depth >= 4 || g.chance(0.45)) return scalar(g, poison);
  if (g.chance(0.4)) return Array.from({ length: g.int(0, 4) }, () => junk(g, poison, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = g.int(0, 5); i > 0; i -= 1) {
    const key = poison && g.chance(0.1) ? g.pick(POISON_KEYS) : g.chance(0.5) ? g.pick(KEYS) : asciiString(g, 12);
    Object.defineProperty(o, key, { value: junk(g, poison, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return o;
}

export const utf8 = (s: string) => Buffer.from(s, 'utf8');

export function serialize(g: Gen, value: unknown): Buffer {
  const text = JSON.stringify(value, null, g.chance(0.2) ? g.pick([1, 2, '\t']) : undefined) ?? 'null';
  return utf8(g.chance(0.05) ? `\ufeff${text}` : g.chance(0.1) ? ` \n${text}\r\n ` : text);
}

/** Bodies that are junk whatever the endpoint. */
export function junkBody(g: Gen, template: () => unknown): { kind: string; body: Buffer } {
  const kind = g.weighted<string>([
    [4, 'empty'],
    [2, 'whitespace'],
    [6, 'random-bytes'],
    [5, 'text'],
    [2, 'xml'],
    [2, 'form'],
    [8, 'truncated-json'],
    [5, 'json-scalar'],
    [6, 'json-array'],
    [10, 'json-junk'],
    [3, 'deep-array'],
    [3, 'deep-object'],
    [3, 'unbalanced'],
    [2, 'huge-string'],
    [3, 'invalid-utf8'],
    [2, 'raw-control-chars'],
    [3, 'edge-numbers'],
    [3, 'escapes'],
    [2, 'duplicate-keys'],
  ]);
  const n = () => g.int(1000, 30_000);
  switch (kind) {
    case 'empty':
      return { kind, body: Buffer.alloc(0) };
    case 'whitespace':
      return { kind, body: utf8(g.pick([' ', '\n', '\t\r\n  ', '\u00a0'])) };
    case 'random-bytes':
      return { kind, body: Buffer.from(Array.from({ length: g.int(1, 3000) }, () => g.int(0, 255))) };
    case 'text':
      return { kind, body: utf8(asciiString(g, 500)) };
    case 'xml':
      return { kind, body: utf8('<?xml version="1.0"?><issue><key>QAOPS-1</key><webhookEvent>jira:issue_updated</webhookEvent></issue>') };
    case 'form':
      return { kind, body: utf8('webhookEvent=jira%3Aissue_updated&id=x&environment=D&status=successful&issue[key]=QAOPS-1') };
    case 'truncated-json': {
      const text = JSON.stringify(template());
      return { kind, body: utf8(text.slice(0, g.int(1, Math.max(1, text.length - 1)))) };
    }
    case 'json-scalar':
      return { kind, body: serialize(g, scalar(g, true)) };
    case 'json-array':
      return { kind, body: serialize(g, g.chance(0.5) ? [template(), template()] : (junk(g, true, 3) ?? [])) };
    case 'json-junk':
      return { kind, body: serialize(g, junk(g, true)) };
    case 'deep-array': {
      const d = n();
      return { kind, body: utf8('['.repeat(d) + ']'.repeat(d)) };
    }
    case 'deep-object': {
      const d = n();
      return { kind, body: utf8('{"a":'.repeat(d) + '1' + '}'.repeat(d)) };
    }
    case 'unbalanced': {
      const d = n();
      return { kind, body: utf8(g.chance(0.5) ? '['.repeat(d) : '{"a":'.repeat(d)) };
    }
    case 'huge-string':
      return { kind, body: utf8(`{"x":"${'A'.repeat(g.int(100_000, 900_000))}"}`) };
    case 'invalid-utf8':
      return { kind, body: Buffer.concat([utf8('{"x":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]), utf8('"}')]) };
    case 'raw-control-chars':
      return { kind, body: Buffer.concat([utf8('{"x":"a'), Buffer.from([0x00, 0x01, 0x1f, 0x0a]), utf8('b"}')]) };
    case 'edge-numbers':
      return {
        kind,
        body: utf8(g.pick(['{"n":1e999}', '{"n":-0}', '{"n":123456789012345678901234567890}', '{"n":NaN}', '{"n":0x10}', '{"n":.5}', '[Infinity]'])),
      };
    case 'escapes':
      return { kind, body: utf8(g.pick(['{"x":"\\u0000"}', '{"x":"\\ud800"}', '{"x":"\\uZZZZ"}', '{"x":"\\q"}', '{"\\u0000":1}'])) };
    default:
      return { kind, body: utf8('{"a":1,"a":{"b":2},"a":[3]}') };
  }
}

export function asciiName(g: Gen): string {
  const chars = "abcdefghijklmnopqrstuvwxyz0123456789-_!#$%&'*+.^`|~";
  return Array.from({ length: g.int(1, 20) }, () => chars[g.int(0, chars.length - 1)]).join('');
}

/** A header value Node will send: tab, printable ASCII and Latin-1 bytes, any length. */
export function headerJunk(g: Gen): string {
  return g.weighted<() => string>([
    [3, () => ''],
    [5, () => asciiString(g, 60).replace(/[^\t\x20-\x7e]/g, '?')],
    [3, () => Array.from({ length: g.int(1, 40) }, () => String.fromCharCode(g.pick([9, g.int(0x20, 0x7e), g.int(0x80, 0xff)]))).join('')],
    [1, () => 'v'.repeat(g.int(1000, 8000))],
  ])();
}

/** Safe junk for stored envelopes: no NUL, lone surrogates, poison keys, numbers out of bigint range or deep nesting (known bugs). */
export function safeJunk(g: Gen, depth = 0): unknown {
  if (depth >= 3 || g.chance(0.5))
    return g.pick<() => unknown>([() => asciiString(g, 30), () => g.int(-1000, 1000), () => null, () => true, () => 'é😀\u202e'])();
  if (g.chance(0.4)) return Array.from({ length: g.int(0, 3) }, () => safeJunk(g, depth + 1));
  return Object.fromEntries(
    Array.from({ length: g.int(0, 4) }, () => [g.pick(['a', 'b', 'fields', 'constructor', asciiString(g, 8)]), safeJunk(g, depth + 1)]),
  );
}
