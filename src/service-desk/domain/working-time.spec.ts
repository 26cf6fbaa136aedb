import { describe, expect, it } from '@jest/globals';
import { parseHolidays, parseWorkingCalendar, type WorkingCalendar } from '../../config/working-calendar.js';
import { addWorkingMinutes, workingMinutesBetween } from './working-time.js';

const LONDON = parseWorkingCalendar('Mon-Fri 09:00-17:30 Europe/London');
const CHRISTMAS = { ...LONDON, holidays: parseHolidays('2026-12-25,2026-12-28') };
/** Every hour of every day but the last minute: a DST day shows its real length (23 h or 25 h). */
const ALL_DAY = parseWorkingCalendar('Mon-Sun 00:00-23:59 Europe/London');
/** Clocks change at 01:00 GMT (spring, to 02:00 BST) and 02:00 BST (autumn, back to 01:00 GMT). */
const SMALL_HOURS = parseWorkingCalendar('Sun 00:30-03:00 Europe/London');
const CHANGED_HOUR = parseWorkingCalendar('Sun 01:00-02:00 Europe/London');
const CLOSING_IN_CHANGED_HOUR = parseWorkingCalendar('Sun 00:00-01:30 Europe/London');
const UTC_MWF = parseWorkingCalendar('Mon,Wed,Fri 08:00-16:00 UTC');
const NEW_YORK = parseWorkingCalendar('Mon-Fri 09:00-17:00 America/New_York');

// 2026: Mon 2 March (GMT); clocks go forward Sun 29 March and back Sun 25 October in London, forward Sun 8 March in New York.
const DUE: [string, WorkingCalendar | null, string, number, string][] = [
  ['no calendar: wall time, evenings and weekends included', null, '2026-03-06T17:00:00Z', 60, '2026-03-06T18:00:00Z'],
  ['no calendar: a fraction of a minute', null, '2026-03-06T17:00:00Z', 0.5, '2026-03-06T17:00:30Z'],
  ['a start inside hours counts at once', LONDON, '2026-03-02T10:00:00Z', 60, '2026-03-02T11:00:00Z'],
  ['a start before opening counts from 09:00', LONDON, '2026-03-02T07:00:00Z', 60, '2026-03-02T10:00:00Z'],
  ['a start after closing counts from the next morning', LONDON, '2026-03-02T18:00:00Z', 60, '2026-03-03T10:00:00Z'],
  ['1 h from Friday 17:00: 30 min on Friday, none at the weekend, 30 min on Monday', LONDON, '2026-03-06T17:00:00Z', 60, '2026-03-09T09:30:00Z'],
  ['a start on Saturday counts from Monday 09:00', LONDON, '2026-03-07T12:00:00Z', 30, '2026-03-09T09:30:00Z'],
  ['the warning at 0.8 of a 1 h target started Friday 17:00', LONDON, '2026-03-06T17:00:00Z', 48, '2026-03-09T09:18:00Z'],
  ['a fraction of a minute', LONDON, '2026-03-02T09:00:00Z', 0.8, '2026-03-02T09:00:48Z'],
  ['a whole working day ends at closing, not the next morning', LONDON, '2026-03-02T09:00:00Z', 510, '2026-03-02T17:30:00Z'],
  ['4 h from Thursday 15:00: 2 h 30 on Thursday, 1 h 30 on Friday', LONDON, '2026-03-05T15:00:00Z', 240, '2026-03-06T10:30:00Z'],
  ['in summer time 09:00 London is 08:00 UTC', LONDON, '2026-06-01T07:00:00Z', 60, '2026-06-01T09:00:00Z'],
  ['from Friday in GMT to Monday in BST, over the spring weekend', LONDON, '2026-03-27T17:00:00Z', 60, '2026-03-30T08:30:00Z'],
  ['20 working days end on the 20th at closing', LONDON, '2026-03-02T09:00:00Z', 20 * 510, '2026-03-27T17:30:00Z'],
  ['20d of SLA_TARGETS (28,800 working minutes: 56 working days and 4 h)', LONDON, '2026-03-02T09:00:00Z', 28_800, '2026-05-19T12:00:00Z'],
  ['the holidays Fri 25 and Mon 28 December are skipped: due Tuesday', CHRISTMAS, '2026-12-24T17:00:00Z', 60, '2026-12-29T09:30:00Z'],
  ['a start on a holiday counts from the next working day', CHRISTMAS, '2026-12-25T10:00:00Z', 60, '2026-12-29T10:00:00Z'],
  ['spring forward: Sunday 29 March 00:00-23:59 is 22 h 59 min', ALL_DAY, '2026-03-29T00:00:00Z', 1379, '2026-03-29T22:59:00Z'],
  ['spring forward: 24 h from Saturday noon (GMT) ends 12:01 UTC (13:01 BST)', ALL_DAY, '2026-03-28T12:00:00Z', 1440, '2026-03-29T12:01:00Z'],
  ['fall back: Sunday 25 October 00:00-23:59 is 24 h 59 min', ALL_DAY, '2026-10-24T23:00:00Z', 1499, '2026-10-25T23:59:00Z'],
  ['spring forward: 00:30 GMT to 03:00 BST is 90 min', SMALL_HOURS, '2026-03-29T00:00:00Z', 90, '2026-03-29T02:00:00Z'],
  ['spring forward: the 91st minute is the next Sunday (00:30 BST)', SMALL_HOURS, '2026-03-29T00:00:00Z', 91, '2026-04-04T23:31:00Z'],
  ['fall back: 00:30 BST to 03:00 GMT is 210 min', SMALL_HOURS, '2026-10-24T23:00:00Z', 210, '2026-10-25T03:00:00Z'],
  ['fall back: 01:00-02:00 is shown twice, 2 h of working time', CHANGED_HOUR, '2026-10-24T22:00:00Z', 120, '2026-10-25T02:00:00Z'],
  ['fall back: a closing at 01:30, shown twice, is the later one', CLOSING_IN_CHANGED_HOUR, '2026-10-24T23:00:00Z', 150, '2026-10-25T01:30:00Z'],
  ['spring forward: 01:00-02:00 never shows, the next Sunday counts', CHANGED_HOUR, '2026-03-28T22:00:00Z', 30, '2026-04-05T00:30:00Z'],
  ['a calendar in UTC: Tuesday is not worked', UTC_MWF, '2026-03-03T12:00:00Z', 60, '2026-03-04T09:00:00Z'],
  ['a calendar in UTC has no summer time', UTC_MWF, '2026-07-03T15:00:00Z', 120, '2026-07-06T09:00:00Z'],
  ['New York: Friday in EST to Monday in EDT', NEW_YORK, '2026-03-06T21:00:00Z', 120, '2026-03-09T14:00:00Z'],
];

const BETWEEN: [string, WorkingCalendar | null, string, string, number][] = [
  ['the end before the start', LONDON, '2026-03-02T11:00:00Z', '2026-03-02T10:00:00Z', 0],
  ['the end at the start', LONDON, '2026-03-02T11:00:00Z', '2026-03-02T11:00:00Z', 0],
  ['no calendar: wall time', null, '2026-03-06T17:00:00Z', '2026-03-09T09:30:00Z', 3870],
  ['a weekend alone', LONDON, '2026-03-07T00:00:00Z', '2026-03-09T09:00:00Z', 0],
  ['a whole working week', LONDON, '2026-03-02T00:00:00Z', '2026-03-07T00:00:00Z', 5 * 510],
  ['an end after closing', LONDON, '2026-03-02T09:00:00Z', '2026-03-02T20:00:00Z', 510],
  ['from Monday 17:00 to Tuesday 09:15', LONDON, '2026-03-02T17:00:00Z', '2026-03-03T09:15:00Z', 45],
  ['two weeks over Christmas, two holidays', CHRISTMAS, '2026-12-21T00:00:00Z', '2027-01-04T00:00:00Z', 8 * 510],
  ['the spring-forward Sunday, midnight to midnight', ALL_DAY, '2026-03-29T00:00:00Z', '2026-03-29T23:00:00Z', 1379],
  ['the fall-back Sunday, midnight to midnight', ALL_DAY, '2026-10-24T23:00:00Z', '2026-10-26T00:00:00Z', 1499],
  ['the spring-forward weekend, 01:00-02:00 never shows', CHANGED_HOUR, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', 0],
  ['the fall-back weekend, 01:00-02:00 shows twice', CHANGED_HOUR, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z', 120],
];

describe('working time (3rd-line targets count working time per SLA_CALENDAR, wall time without one)', () => {
  it.each(DUE)('%s', (_name, calendar, start, minutes, due) => {
    expect(addWorkingMinutes(new Date(start), minutes, calendar).toISOString()).toBe(new Date(due).toISOString());
  });

  it.each(DUE)('the working minutes up to the due instant are the target: %s', (_name, calendar, start, minutes, due) => {
    expect(workingMinutesBetween(new Date(start), new Date(due), calendar)).toBe(minutes);
  });

  it.each(BETWEEN)('working minutes: %s', (_name, calendar, from, to, minutes) => {
    expect(workingMinutesBetween(new Date(from), new Date(to), calendar)).toBe(minutes);
  });
});
