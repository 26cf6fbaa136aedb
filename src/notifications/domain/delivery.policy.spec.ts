import { describe, expect, it } from '@jest/globals';
import { retryAfterMs, verdictOf, type Delivery } from './delivery.policy.js';

const NOW = new Date('2026-03-02T09:00:00Z');
const POLICY = { maxAttempts: 5, baseDelayMs: 1000 };
const half = () => 0.5; // jitter in the middle: delay = 3/4 of the backoff cap

describe('notification delivery: done, retried with backoff, or failed', () => {
  it.each<[string, Delivery, number, unknown]>([
    ['200 is done', { status: 200, retryAfter: null }, 1, { outcome: 'done' }],
    ['204 is done', { status: 204, retryAfter: null }, 3, { outcome: 'done' }],
    [
      '500 on the first attempt is retried after about the base delay',
      { status: 500, retryAfter: null },
      1,
      { outcome: 'retry', delayMs: 750, error: 'the receiver answered 500' },
    ],
    [
      '503 on the third attempt waits four times longer',
      { status: 503, retryAfter: null },
      3,
      { outcome: 'retry', delayMs: 3000, error: 'the receiver answered 503' },
    ],
    ['429 honours Retry-After in seconds', { status: 429, retryAfter: '7' }, 1, { outcome: 'retry', delayMs: 7000, error: 'the receiver answered 429' }],
    [
      'a network error is retried',
      { networkError: 'connect ECONNREFUSED 127.0.0.1:9' },
      2,
      { outcome: 'retry', delayMs: 1500, error: 'connect ECONNREFUSED 127.0.0.1:9' },
    ],
    ['408 is retried', { status: 408, retryAfter: null }, 1, { outcome: 'retry', delayMs: 750, error: 'the receiver answered 408' }],
    ['500 on the last attempt fails for good', { status: 500, retryAfter: null }, 5, { outcome: 'failed', error: 'the receiver answered 500' }],
    ['404 (a wrong or revoked URL) fails at once', { status: 404, retryAfter: null }, 1, { outcome: 'failed', error: 'the receiver answered 404' }],
    ['403 fails at once', { status: 403, retryAfter: null }, 1, { outcome: 'failed', error: 'the receiver answered 403' }],
  ])('%s', (_, delivery, attempt, verdict) => {
    expect(verdictOf(delivery, attempt, POLICY, NOW, half)).toEqual(verdict);
  });

  it.each([
    ['120', 120_000],
    ['Mon, 02 Mar 2026 09:00:30 GMT', 30_000],
    ['Mon, 02 Mar 2026 08:00:00 GMT', 0],
    ['soon', null],
    [null, null],
  ])('Retry-After %j is %j ms', (header, ms) => {
    expect(retryAfterMs(header, NOW)).toBe(ms);
  });
});
