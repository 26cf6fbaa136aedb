import { describe, expect, it } from '@jest/globals';
import { parseWorkingCalendar } from '../../config/working-calendar.js';
import { missesOf, targetEntries, warningsOf } from './third-line-targets.js';

const start = new Date('2026-01-05T09:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const clock = (respondedAt: Date | null, resolvedAt: Date | null, priority: string | null = 'Medium') => ({
  key: 'QAOPS-1',
  priority,
  startedAt: start,
  respondedAt,
  resolvedAt,
});

describe('3rd-line targets missed (wall time)', () => {
  const targets = { Medium: { responseMinutes: 60, resolutionMinutes: 600 } };

  it.each([
    ['not yet due', clock(null, null), 59, []],
    ['response overdue while nobody picked it up', clock(null, null), 61, ['response']],
    ['picked up in time, resolution still open and overdue', clock(at(30), null), 601, ['resolution']],
    ['picked up late but deployed in time', clock(at(90), at(300)), 700, ['response']],
    ['everything in time', clock(at(30), at(300)), 10_000, []],
    ['a priority without a target', clock(null, null, 'Low'), 10_000, []],
    ['no priority', clock(null, null, null), 10_000, []],
  ])('%s', (_, c, minutesLater, kinds) => {
    expect(missesOf(c, targets, at(minutesLater), null).map((b) => b.kind)).toEqual(kinds);
  });
});

describe('3rd-line targets at risk (a warning at a fraction of each target, before it is missed)', () => {
  const targets = { Medium: { responseMinutes: 60, resolutionMinutes: 600 }, Instant: { responseMinutes: 0, resolutionMinutes: 0 } };

  it.each([
    ['before 80% of the response target (47 of 60 min)', clock(null, null), 47, 0.8, []],
    ['at 80% of the response target (48 of 60 min)', clock(null, null), 48, 0.8, ['response']],
    ['past 80%, one minute before the response is due', clock(null, null), 59, 0.8, ['response']],
    ['when the response is due it is no longer at risk: it is missed', clock(null, null), 60, 0.8, []],
    ['picked up in time, 80% of the resolution target passed (480 of 600 min)', clock(at(30), null), 480, 0.8, ['resolution']],
    ['nobody picked it up: the response was missed long ago, the resolution is at risk', clock(null, null), 500, 0.8, ['resolution']],
    ['a lower fraction warns earlier (50%: 30 of 60 min)', clock(null, null), 30, 0.5, ['response']],
    ['a stopped clock never warns', clock(at(10), at(100)), 590, 0.8, []],
    ['a zero target is missed at once and never warns', clock(null, null, 'Instant'), 0, 0.8, []],
    ['a priority without a target', clock(null, null, 'Low'), 500, 0.8, []],
    ['no priority', clock(null, null, null), 500, 0.8, []],
  ])('%s', (_, c, minutesLater, fraction, kinds) => {
    expect(warningsOf(c, targets, at(minutesLater), fraction, null).map((w) => w.kind)).toEqual(kinds);
  });

  it('says when the warning point passed and when the target is due', () => {
    expect(warningsOf(clock(null, null), targets, at(50), 0.8, null)).toEqual([
      { key: 'QAOPS-1', kind: 'response', priority: 'Medium', warnAt: at(48), dueAt: at(60) },
    ]);
  });
});

describe('3rd-line targets in working time (SLA_CALENDAR Mon-Fri 09:00-17:30 Europe/London)', () => {
  const calendar = { ...parseWorkingCalendar('Mon-Fri 09:00-17:30 Europe/London'), holidays: ['2026-12-25', '2026-12-28'] };
  const targets = { High: { responseMinutes: 60, resolutionMinutes: 8 * 60 } };
  // Friday 2026-01-09 16:45 London (UTC in winter): 45 minutes of the response target on Friday, 15 on Monday
  const friday = { key: 'QAOPS-2', priority: 'High', startedAt: new Date('2026-01-09T16:45:00Z'), respondedAt: null, resolvedAt: null };

  it.each([
    ['Friday 17:29: not missed', '2026-01-09T17:29:00Z', []],
    ['Saturday noon: no time counts at the weekend', '2026-01-10T12:00:00Z', []],
    ['Monday 09:14: still within the target', '2026-01-12T09:14:00Z', []],
    ['Monday 09:16: the response target is missed', '2026-01-12T09:16:00Z', ['response']],
  ])('%s', (_, now, kinds) => {
    expect(missesOf(friday, targets, new Date(now), calendar).map((m) => m.kind)).toEqual(kinds);
  });

  it('is due on Monday 09:15, and shows paused at the weekend with its working time left', () => {
    const [response] = targetEntries(friday, targets, new Date('2026-01-10T12:00:00Z'), calendar);
    expect(response).toEqual({
      name: '3rd-line target: triage → pickup',
      state: 'paused',
      breachAt: '2026-01-12T09:15:00.000Z',
      remainingMs: 15 * 60_000,
      source: '3rd-line',
    });
  });

  it('skips the holidays of SLA_HOLIDAYS (Christmas Friday and the Monday after)', () => {
    const christmasEve = { ...friday, startedAt: new Date('2026-12-24T17:00:00Z') };
    expect(missesOf(christmasEve, targets, new Date('2026-12-28T16:00:00Z'), calendar)).toEqual([]);
    expect(targetEntries(christmasEve, targets, new Date('2026-12-28T16:00:00Z'), calendar)[0]).toMatchObject({
      state: 'paused',
      breachAt: '2026-12-29T09:30:00.000Z',
    });
  });

  it('counts across the change to summer time by London hours (British Summer Time from 29 March 2026)', () => {
    // Friday 27 March 17:00 GMT = 17:00 London; 60 working minutes: 30 on Friday, 30 on Monday 30 March from 09:00 BST = 08:00 UTC
    const beforeDst = { ...friday, startedAt: new Date('2026-03-27T17:00:00Z') };
    expect(targetEntries(beforeDst, targets, new Date('2026-03-27T17:10:00Z'), calendar)[0]).toMatchObject({
      state: 'running',
      breachAt: '2026-03-30T08:30:00.000Z',
    });
    expect(missesOf(beforeDst, targets, new Date('2026-03-30T08:29:00Z'), calendar)).toEqual([]);
    expect(missesOf(beforeDst, targets, new Date('2026-03-30T08:31:00Z'), calendar).map((m) => m.kind)).toEqual(['response']);
  });

  it('says met or missed once the clock stopped', () => {
    const picked = { ...friday, respondedAt: new Date('2026-01-12T09:10:00Z') };
    const late = { ...friday, respondedAt: new Date('2026-01-12T10:15:00Z') };
    expect(targetEntries(picked, targets, new Date('2026-01-13T12:00:00Z'), calendar)[0]).toMatchObject({ state: 'met', remainingMs: 5 * 60_000 });
    expect(targetEntries(late, targets, new Date('2026-01-13T12:00:00Z'), calendar)[0]).toMatchObject({ state: 'breached', remainingMs: -60 * 60_000 });
  });
});
