import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { cookieOf } from './session-cookie.js';

const good = 'Q2x2W0tPa3lqX1l6b2xwR3BmR2c0d2ZkZ1dh';
const req = (cookie?: string) => ({ headers: cookie === undefined ? {} : { cookie } }) as Request;

describe("reading the service's own cookie", () => {
  it.each<[string, string | undefined, string | null]>([
    ['no Cookie header', undefined, null],
    ['the cookie among others', `theme=dark; sfo_session=${good}; other=1`, good],
    ['badly percent-encoded (would make decodeURIComponent throw): no cookie, not a 500', 'sfo_session=%E0', null],
    ['too short to be one of ours', 'sfo_session=abc', null],
    ['a planted value for a narrower path comes first: the first well-formed one counts', `sfo_session=%; sfo_session=${good}`, good],
    ['another cookie whose name merely starts alike', `sfo_session_x=${good}`, null],
  ])('%s', (_, header, value) => {
    expect(cookieOf(req(header), 'sfo_session')).toBe(value);
  });
});
