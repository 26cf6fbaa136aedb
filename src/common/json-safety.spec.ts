import { describe, expect, it } from '@jest/globals';
import { unstorableJson } from './json-safety.js';

const nested = (depth: number) => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

describe('JSON the database can store', () => {
  it.each<[string, unknown, boolean]>([
    ['plain text and numbers', { a: 'héllo 👋', b: [1, 2, { c: null }] }, true],
    ['a NUL in a value', { a: 'x\u0000' }, false],
    ['a NUL in a key', { 'a\u0000': 1 }, false],
    ['a lone high surrogate', ['\ud800'], false],
    ['a lone low surrogate', ['x\udc00'], false],
    ['a proper pair', ['\ud83d\udc4b'], true],
    ['64 levels', nested(63), true],
    ['20,000 levels', nested(20_000), false],
  ])('%s: storable %s', (_, value, ok) => {
    expect(unstorableJson(value) === null).toBe(ok);
  });
});
