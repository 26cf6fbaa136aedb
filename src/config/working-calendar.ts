import { DateTime, IANAZone } from 'luxon';

/** The working hours the 3rd-line targets count in (SLA_CALENDAR, with SLA_HOLIDAYS folded in). */
export interface WorkingCalendar {
  /** IANA time zone the days and hours are read in */
  zone: string;
  /** ISO weekdays worked, 1 = Monday … 7 = Sunday, ascending */
  days: number[];
  /** minutes after local midnight: opening (inclusive) and closing (exclusive); closing may be 1440 (24:00) */
  startMinute: number;
  endMinute: number;
  /** dates (yyyy-mm-dd, in `zone`) not worked, ascending */
  holidays: string[];
  /** the calendar as configured, for display */
  text: string;
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const CALENDAR_FORMAT = 'must look like "Mon-Fri 09:00-17:30 Europe/London" (days, hours, IANA time zone)';
const CALENDAR = /^\s*(\S+)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s+(\S+)\s*$/;
const HOLIDAYS_FORMAT = 'must be dates such as 2026-12-25,2026-12-28 (yyyy-mm-dd, comma-separated)';

/** "Mon-Fri 09:00-17:30 Europe/London" or "Mon,Wed,Fri 08:00-16:00 UTC" → the calendar; throws saying what is wrong. */
export function parseWorkingCalendar(text: string): WorkingCalendar {
  const m = CALENDAR.exec(text);
  if (!m) throw new Error(CALENDAR_FORMAT);
  const [, dayText, opening, closing, zone] = m;
  const startMinute = minuteOfDay(opening);
  const endMinute = minuteOfDay(closing);
  if (startMinute >= endMinute) throw new Error(`must open before it closes (got ${opening}-${closing}); hours look like 09:00-17:30`);
  if (!IANAZone.isValidZone(zone)) throw new Error(`names "${zone}", which is not an IANA time zone; use a name such as Europe/London or UTC`);
  return { zone, days: parseDays(dayText), startMinute, endMinute, holidays: [], text: text.trim() };
}

/** "2026-12-28,2026-12-25" → ["2026-12-25", "2026-12-28"]; each entry must be a real date. */
export function parseHolidays(text: string): string[] {
  const entries = text.split(',').map((s) => s.trim());
  for (const entry of entries) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(entry)) throw new Error(HOLIDAYS_FORMAT);
    if (!DateTime.fromISO(entry, { zone: 'utc' }).isValid) throw new Error(`has "${entry}", which is not a date; ${HOLIDAYS_FORMAT}`);
  }
  return [...new Set(entries)].sort();
}

/** "Mon-Fri", "Mon,Wed,Fri" or "Mon-Wed,Sat" → ascending ISO weekdays; a range may run past Sunday (Sat-Mon). */
function parseDays(text: string): number[] {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to = from, ...rest] = part.split('-').map(weekday);
    if (rest.length > 0) throw new Error(CALENDAR_FORMAT);
    for (let day = from; ; day = (day % 7) + 1) {
      days.add(day);
      if (day === to) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

function weekday(name: string): number {
  const index = DAY_NAMES.indexOf(name.trim().toLowerCase());
  if (index < 0)
    throw new Error(`names "${name}", which is not a day; days are Mon, Tue, Wed, Thu, Fri, Sat, Sun, as a range (Mon-Fri) or a list (Mon,Wed,Fri)`);
  return index + 1;
}

/** "09:30" → 570; "24:00" is the end of the day. */
function minuteOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  const minute = hours * 60 + minutes;
  if (minutes > 59 || minute > 24 * 60) throw new Error(`has "${time}", which is not a time of day; hours run from 00:00 to 24:00`);
  return minute;
}
