import { DateTime } from 'luxon';
import type { WorkingCalendar } from '../../config/working-calendar.js';

const MINUTE_MS = 60_000;

/** One local day's working hours as instants; empty (close ≤ open) on a day off. */
interface Hours {
  open: number;
  close: number;
}

/**
 * The instant at which `minutes` of working time have passed since `start` (outside hours, counting
 * starts at the next opening). No calendar: wall time.
 */
export function addWorkingMinutes(start: Date, minutes: number, calendar: WorkingCalendar | null): Date {
  if (!calendar) return new Date(start.getTime() + minutes * MINUTE_MS);
  let remaining = Math.max(0, minutes) * MINUTE_MS;
  for (const { open, close } of workingDays(start, calendar)) {
    const from = Math.max(open, start.getTime());
    if (close <= from) continue;
    if (remaining <= close - from) return new Date(from + remaining);
    remaining -= close - from;
  }
  throw new Error('unreachable: working days never end');
}

/** Working minutes from `from` to `to` (0 when `to` is not after `from`). No calendar: wall time. */
export function workingMinutesBetween(from: Date, to: Date, calendar: WorkingCalendar | null): number {
  if (to <= from) return 0;
  if (!calendar) return (to.getTime() - from.getTime()) / MINUTE_MS;
  let total = 0;
  for (const { open, close } of workingDays(from, calendar)) {
    if (open >= to.getTime()) break;
    total += Math.max(0, Math.min(close, to.getTime()) - Math.max(open, from.getTime()));
  }
  return total / MINUTE_MS;
}

/** Each local day from the one `start` falls on, endlessly: its working hours, or none on a day off or holiday. */
function* workingDays(start: Date, calendar: WorkingCalendar): Generator<Hours> {
  if (calendar.days.length === 0) throw new Error(`working calendar "${calendar.text}" has no working day`);
  const holidays = new Set(calendar.holidays);
  const first = DateTime.fromJSDate(start, { zone: calendar.zone });
  // calendar dates only (no zone): the zone is applied to each day's opening and closing
  for (let day = DateTime.utc(first.year, first.month, first.day); ; day = day.plus({ days: 1 })) {
    const worked = calendar.days.includes(day.weekday) && !holidays.has(day.toISODate() ?? '');
    if (!worked) yield { open: 0, close: 0 };
    else yield { open: instant(day, calendar.startMinute, calendar.zone, 'first'), close: instant(day, calendar.endMinute, calendar.zone, 'last') };
  }
}

/**
 * The instant the clock in `zone` shows `minute` after midnight of `day`. On the day clocks go back a time
 * shows twice: an opening takes the first, a closing the last; a time skipped when clocks go forward is
 * read as the moment after the gap (luxon's reading).
 */
function instant(day: DateTime, minute: number, zone: string, which: 'first' | 'last'): number {
  const date = minute === 24 * 60 ? day.plus({ days: 1 }) : day;
  const at = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour: Math.floor(minute / 60) % 24, minute: minute % 60 }, { zone });
  const readings = at.getPossibleOffsets().map((d) => d.toMillis());
  return which === 'first' ? Math.min(...readings) : Math.max(...readings);
}
