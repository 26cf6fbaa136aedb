import { describe, expect, it } from '@jest/globals';
import type { ClientSlaMetric } from '../../jira/jira.types.js';
import { backoffMs, cycleOf, noticesOf, readDue, RESTING_FACTOR } from './client-sla.policy.js';

const HOUR = 3_600_000;
const T = (iso: string) => new Date(`2026-01-05T${iso}:00Z`);
const metric = (state: ClientSlaMetric['state'], remainingMs: number | null, over: Partial<ClientSlaMetric> = {}): ClientSlaMetric => ({
  id: '1',
  name: 'Time to resolution',
  state,
  breachAt: null,
  remainingMs,
  goalMs: 4 * HOUR,
  cycleStartedAt: T('09:00'),
  withinCalendarHours: true,
  ongoing: state !== 'met',
  stoppedAt: null,
  ...over,
});

describe('what is told of a metric JSM reported (SLA_WARN_AT 0.8)', () => {
  const lastRead = T('12:00');
  it.each([
    ['running with half its goal left', metric('running', 2 * HOUR), []],
    ['running with 20% of its goal left: at risk', metric('running', 0.8 * HOUR), ['at_risk']],
    ['running with 10% left: at risk', metric('running', 0.4 * HOUR), ['at_risk']],
    ['breached, ongoing, as JSM says', metric('breached', -HOUR), ['breached']],
    ['breached, ongoing, on the first read too', metric('breached', -HOUR), ['breached'], null],
    ['a cycle that completed breached since the last read', metric('breached', -HOUR, { ongoing: false, stoppedAt: T('12:30') }), ['breached']],
    ['a cycle that completed breached before the last read: not news', metric('breached', -HOUR, { ongoing: false, stoppedAt: T('11:00') }), []],
    ['a cycle that completed breached, first read: not news', metric('breached', -HOUR, { ongoing: false, stoppedAt: T('11:00') }), [], null],
    ['paused with little left: nothing (JSM does not count it now)', metric('paused', 0.1 * HOUR), []],
    ['met: nothing', metric('met', HOUR, { ongoing: false }), []],
    ['met with the remaining time negative in its completed cycle: still only what JSM says (met)', metric('met', -HOUR, { ongoing: false }), []],
    ['running with no goal JSM gives: nothing', metric('running', 0.1 * HOUR, { goalMs: null }), []],
    ['running with no remaining time given: nothing', metric('running', null), []],
  ])('%s', (_, m, notices, previous: Date | null = lastRead) => {
    expect(noticesOf(m, 0.8, previous)).toEqual(notices);
  });

  it('tells a cycle once by its start, else by its breach time (Atlassian leaves the start optional)', () => {
    expect(cycleOf(metric('running', HOUR))).toEqual(T('09:00'));
    expect(cycleOf(metric('running', HOUR, { cycleStartedAt: null, breachAt: T('13:00') }))).toEqual(T('13:00'));
    expect(cycleOf(metric('running', HOUR, { cycleStartedAt: null }))).toEqual(new Date(0));
  });
});

describe('when a client ticket is read again (SLA_CHECK_SECONDS 300)', () => {
  const check = 300_000;
  const t0 = new Date('2026-01-05T09:00:00Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);
  const quiet = { changedInJira: false, deployedAt: null };
  const deployed = { changedInJira: false, deployedAt: later(-HOUR) };
  const running = { readAt: t0, running: true, ongoing: true };
  const resting = { readAt: t0, running: false, ongoing: true };
  it.each([
    ['never read', null, 0, quiet, true],
    ['a running clock, read 4 minutes ago', running, 240_000, quiet, false],
    ['a running clock, read one period ago', running, check, quiet, true],
    ['a running clock, read a period ago less a little (a late timer)', running, check - 5_000, quiet, true],
    ['nothing running, read one period ago', resting, check, quiet, false],
    ['nothing running, read RESTING_FACTOR periods ago', resting, RESTING_FACTOR * check, quiet, true],
    ['nothing running, but Jira told of a change to the ticket since', resting, 1_000, { ...quiet, changedInJira: true }, true],
    ['its bug deployed, a clock still ongoing: read as before', running, check, deployed, true],
    ['its bug deployed and no clock ongoing: not read again', { ...resting, ongoing: false }, 100 * check, deployed, false],
    [
      'its bug deployed, no clock ongoing, but the request changed in Jira (reopened): read',
      { ...resting, ongoing: false },
      check,
      { ...deployed, changedInJira: true },
      true,
    ],
    ['its bug deployed an hour ago, never read: read once', null, 0, deployed, true],
    ['its bug deployed 8 days ago, never read (history, at an upgrade): not read', null, 0, { ...quiet, deployedAt: later(-8 * 24 * HOUR) }, false],
  ])('%s', (_, last, after, context, due) => {
    expect(readDue(last, later(after), check, context)).toBe(due);
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
