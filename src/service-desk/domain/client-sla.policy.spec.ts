import { describe, expect, it } from '@jest/globals';
import type { ClientSlaMetric } from '../../jira/jira.types.js';
import { backoffMs, noticesOf, readDue, RESTING_FACTOR } from './client-sla.policy.js';

const HOUR = 3_600_000;
const metric = (state: ClientSlaMetric['state'], remainingMs: number | null, goalMs: number | null = 4 * HOUR): ClientSlaMetric => ({
  id: '1',
  name: 'Time to resolution',
  state,
  breachAt: null,
  remainingMs,
  goalMs,
  cycleStartedAt: new Date('2026-01-05T09:00:00Z'),
  withinCalendarHours: true,
});

describe('what is told of a metric JSM reported (SLA_WARN_AT 0.8)', () => {
  it.each([
    ['running with half its goal left', metric('running', 2 * HOUR), []],
    ['running with 20% of its goal left: at risk', metric('running', 0.8 * HOUR), ['at_risk']],
    ['running with 10% left: at risk', metric('running', 0.4 * HOUR), ['at_risk']],
    ['breached, as JSM says', metric('breached', -HOUR), ['breached']],
    ['paused with little left: nothing (JSM does not count it now)', metric('paused', 0.1 * HOUR), []],
    ['met: nothing', metric('met', HOUR), []],
    ['met with the remaining time negative in its completed cycle: still only what JSM says (met)', metric('met', -HOUR), []],
    ['running with no goal JSM gives: nothing', metric('running', 0.1 * HOUR, null), []],
    ['running with no remaining time given: nothing', metric('running', null), []],
    ['a cycle without a start cannot be told once: nothing', { ...metric('breached', -HOUR), cycleStartedAt: null }, []],
  ])('%s', (_, m, notices) => {
    expect(noticesOf(m, 0.8)).toEqual(notices);
  });
});

describe('when a client ticket is read again (SLA_CHECK_SECONDS 300)', () => {
  const check = 300_000;
  const t0 = new Date('2026-01-05T09:00:00Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);
  it.each([
    ['never read', null, 0, true],
    ['a running clock, read 4 minutes ago', { readAt: t0, running: true }, 240_000, false],
    ['a running clock, read one period ago', { readAt: t0, running: true }, check, true],
    ['a running clock, read a period ago less a little (a late timer)', { readAt: t0, running: true }, check - 5_000, true],
    ['nothing running, read one period ago', { readAt: t0, running: false }, check, false],
    ['nothing running, read RESTING_FACTOR periods ago', { readAt: t0, running: false }, RESTING_FACTOR * check, true],
  ])('%s', (_, last, after, due) => {
    expect(readDue(last, later(after), check)).toBe(due);
  });
});

describe("backing off after JSM's 429", () => {
  it.each([
    ['Retry-After given', 30_000, 0, 30_000],
    ['no Retry-After, first time: one period', null, 0, 300_000],
    ['no Retry-After again: twice the last', null, 300_000, 600_000],
    ['never more than an hour', null, 3_000_000, 3_600_000],
  ])('%s', (_, retryAfter, previous, wait) => {
    expect(backoffMs(retryAfter, previous, 300_000)).toBe(wait);
  });
});
