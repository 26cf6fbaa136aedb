import { describe, expect, it } from '@jest/globals';
import { JiraError, JiraNotFoundError, retryDelayMs, toJiraError } from './jira.errors';

/** what jira.js 5.4 throws: an HttpException with the axios error as `cause`, or the axios error itself when no answer came */
const answered = (status: number, data: unknown = {}, headers: Record<string, string> = {}) => ({
  name: 'HttpException',
  status,
  cause: { code: 'ERR_BAD_RESPONSE', response: { status, data, headers } },
});
const unanswered = (code: string, message: string) => ({ name: 'AxiosError', code, message });

describe('the one classifier of Jira’s answers', () => {
  it.each<[string, unknown, { status: number | null; retryable: boolean; answerLost: boolean; retryAfterMs?: number | null }]>([
    [
      '429 with Retry-After seconds: wait as asked, nothing was applied',
      answered(429, {}, { 'retry-after': '3' }),
      { status: 429, retryable: true, answerLost: false, retryAfterMs: 3000 },
    ],
    ['429 without Retry-After: backoff', answered(429), { status: 429, retryable: true, answerLost: false, retryAfterMs: null }],
    ['500: retryable, and the write may have been made', answered(500), { status: 500, retryable: true, answerLost: true }],
    ['502 from the edge', answered(502), { status: 502, retryable: true, answerLost: true }],
    ['503', answered(503), { status: 503, retryable: true, answerLost: true }],
    ['504 from the edge after the commit', answered(504), { status: 504, retryable: true, answerLost: true }],
    ['408', answered(408), { status: 408, retryable: true, answerLost: true }],
    ['409 conflict: retryable, not applied', answered(409), { status: 409, retryable: true, answerLost: false }],
    ['400: Jira refused, for good', answered(400, { errorMessages: ['Field x is invalid'] }), { status: 400, retryable: false, answerLost: false }],
    ['403: refused', answered(403), { status: 403, retryable: false, answerLost: false }],
    [
      'a timeout: no answer in time, it may have been applied',
      unanswered('ECONNABORTED', 'timeout of 1000ms exceeded'),
      { status: null, retryable: true, answerLost: true },
    ],
    ['a connection dropped mid-call', unanswered('ECONNRESET', 'socket hang up'), { status: null, retryable: true, answerLost: true }],
    ['a connection refused: nothing was sent', unanswered('ECONNREFUSED', 'connect ECONNREFUSED'), { status: null, retryable: true, answerLost: false }],
    ['a host not found: nothing was sent', unanswered('ENOTFOUND', 'getaddrinfo ENOTFOUND'), { status: null, retryable: true, answerLost: false }],
  ])('%s', (_, error, expected) => {
    const e = toJiraError(error, 'comment on QAOPS-1');
    expect({
      status: e.status,
      retryable: e.retryable,
      answerLost: e.answerLost,
      ...('retryAfterMs' in expected ? { retryAfterMs: e.retryAfterMs } : {}),
    }).toEqual(expected);
  });

  it('an error that is no answer of Jira’s (a bug, the database) keeps its own words; a retry still finds out first', () => {
    const e = toJiraError(new TypeError("Cannot read properties of undefined (reading 'id')"), 'comment on QAOPS-1');
    expect(e.message).toBe("comment on QAOPS-1: TypeError: Cannot read properties of undefined (reading 'id')");
    expect({ status: e.status, retryable: e.retryable, answerLost: e.answerLost }).toEqual({ status: null, retryable: true, answerLost: true });
  });

  it('404 is JiraNotFoundError; Jira’s own words are kept in the message', () => {
    expect(toJiraError(answered(404, { errorMessages: ['Issue does not exist'] }), 'read QAOPS-9')).toBeInstanceOf(JiraNotFoundError);
    expect(toJiraError(answered(400, { errorMessages: ['Bad'], errors: { summary: 'required' } }), 'create').message).toBe(
      'create: Jira answered 400: Bad; summary: required',
    );
  });

  it('a Retry-After as an HTTP date is the time until then', () => {
    const at = new Date(Date.now() + 5000).toUTCString();
    const ms = toJiraError(answered(429, {}, { 'retry-after': at }), 'x').retryAfterMs!;
    expect(ms).toBeGreaterThan(3000);
    expect(ms).toBeLessThanOrEqual(5000);
  });

  it('the delay before the next try: Retry-After when Jira gave one, else exponential backoff with jitter, capped', () => {
    const throttled = new JiraError('x', { status: 429, retryable: true, retryAfterMs: 7000 });
    expect(retryDelayMs(throttled, 1, 500)).toBe(7000);
    const down = new JiraError('x', { status: 503, retryable: true, answerLost: true });
    expect(retryDelayMs(down, 1, 500, () => 0)).toBe(250);
    expect(retryDelayMs(down, 4, 500, () => 1)).toBe(4000);
    expect(retryDelayMs(down, 30, 500, () => 1)).toBe(300_000);
    expect(retryDelayMs(new Error('a bug'), 2, 500, () => 0)).toBe(500);
  });
});
