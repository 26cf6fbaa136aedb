import { describe, expect, it } from '@jest/globals';
import { MAX_SCANNED_CHARS, extractIssueKeys, isIssueKey } from './issue-keys.extractor.js';

describe('extractIssueKeys', () => {
  it.each([
    ['a commit message that starts with the key', ['QAOPS-12 fix rounding'], ['QAOPS-12']],
    ['a feature branch with a dash after the key', ['feature/QAOPS-12-fix'], ['QAOPS-12']],
    ['a bugfix branch with an underscore after the key', ['bugfix/QAOPS-7_rounding'], ['QAOPS-7']],
    ['a branch with an underscore before the key', ['feature_QAOPS-12'], ['QAOPS-12']],
    ['a message with the key in brackets', ['[QAOPS-3]: done.'], ['QAOPS-3']],
    ['a message naming a project key with digits and an underscore', ['OPS_2-41 deploy'], ['OPS_2-41']],
    ['two keys joined by a dash', ['QAOPS-12-QAOPS-13'], ['QAOPS-12', 'QAOPS-13']],
    ['several texts, keeping first-seen order', ['QAOPS-2 then QAOPS-1', 'QAOPS-3'], ['QAOPS-2', 'QAOPS-1', 'QAOPS-3']],
    ['texts repeating a key, listing it once', ['QAOPS-12 and again QAOPS-12', 'QAOPS-12'], ['QAOPS-12']],
    ['a plain object, like a GitHub deployment payload', [{ jira: { issues: ['QAOPS-4'] } }], ['QAOPS-4']],
    ['nested arrays', [['x', ['QAOPS-5']]], ['QAOPS-5']],
  ])('reads the keys from %s', (_case, texts, keys) => {
    expect(extractIssueKeys(texts)).toEqual(keys);
  });

  it.each([
    ['a lower-case key', 'qaops-12'],
    ['a mixed-case key', 'Qaops-12'],
    ['a key glued to a letter before it', 'xQAOPS-12'],
    ['a key glued to a digit before it', '1QAOPS-12'],
    ['a key glued to a letter after it', 'QAOPS-12a'],
    ['a one-letter project', 'Q-12'],
    ['a number with a leading zero', 'QAOPS-012'],
    ['issue number zero', 'QAOPS-0'],
    ['a project without a number', 'QAOPS-'],
    ['a plain branch name', 'master'],
  ])('finds no key in %s', (_case, text) => {
    expect(extractIssueKeys([text])).toEqual([]);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number, like a Jira issue id', 10042],
    ['a boolean', true],
    ['a Date', new Date()],
    ['a Map', new Map([['k', 'QAOPS-1']])],
  ])('ignores %s', (_case, value) => {
    expect(extractIssueKeys([value])).toEqual([]);
  });

  it('returns nothing when given something other than an array', () => {
    expect(extractIssueKeys('QAOPS-1' as unknown as unknown[])).toEqual([]);
  });

  it('stops searching nested values eight levels down', () => {
    const nest = (depth: number): unknown => (depth === 0 ? 'QAOPS-9' : { inner: nest(depth - 1) });
    expect(extractIssueKeys([nest(7)])).toEqual(['QAOPS-9']);
    expect(extractIssueKeys([nest(8)])).toEqual([]);
  });

  it('survives a value that contains itself', () => {
    const loop: Record<string, unknown> = { text: 'QAOPS-8' };
    loop.self = loop;
    expect(extractIssueKeys([loop])).toEqual(['QAOPS-8']);
  });

  it('scans only the first 64 KiB of a text, never half a key at the cut', () => {
    const before = 'x'.repeat(MAX_SCANNED_CHARS - 10);
    expect(extractIssueKeys([`${before} QAOPS-1 QAOPS-12345 QAOPS-2`])).toEqual(['QAOPS-1']);
  });

  it('finds no key in long runs of key-like characters (the scan is linear, these would hang a naive pattern)', () => {
    const runs = ['_A'.repeat(MAX_SCANNED_CHARS / 2), 'A'.repeat(MAX_SCANNED_CHARS), 'A-'.repeat(MAX_SCANNED_CHARS / 2)];
    expect(extractIssueKeys(runs)).toEqual([]);
  });
});

describe('isIssueKey', () => {
  it.each([
    ['a plain key', 'QAOPS-12', true],
    ['a key with digits and an underscore in the project', 'OPS_2-41', true],
    ['a lower-case key', 'qaops-12', false],
    ['a key with a space before it', ' QAOPS-12', false],
    ['a key with a space after it', 'QAOPS-12 ', false],
    ['a numeric issue id as text', '10042', false],
    ['a numeric issue id', 10042, false],
    ['null', null, false],
    ['a key longer than 255 characters', `${'A'.repeat(300)}-1`, false],
  ])('tells whether %s is a key (%p)', (_case, value, expected) => {
    expect(isIssueKey(value)).toBe(expected);
  });
});
