import { badUserInput } from '../errors';

/** The periods a scheduled export covers, relative to each run, in the schedule's zone. */
export type ScheduleWindow = 'PREVIOUS_HOUR' | 'PREVIOUS_DAY' | 'PREVIOUS_7_DAYS' | 'PREVIOUS_WEEK' | 'PREVIOUS_MONTH' | 'MONTH_TO_DATE';

export const SCHEDULE_WINDOWS: readonly ScheduleWindow[] = [
  'PREVIOUS_HOUR',
  'PREVIOUS_DAY',
  'PREVIOUS_7_DAYS',
  'PREVIOUS_WEEK',
  'PREVIOUS_MONTH',
  'MONTH_TO_DATE',
];

/** A window as instants (`from` inclusive, `to` exclusive), ready for a report filter with offsets. */
export interface WindowRange {
  from: Date;
  to: Date;
}

/** A calendar day; months are 1–12. Date.UTC normalises overflowing days and months (day 0 = the month's last). */
interface Day {
  year: number;
  month: number;
  day: number;
}

const HOUR_MS = 3_600_000;

function formatter(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw badUserInput(`"${timeZone}" is not a known IANA time zone (e.g. America/Sao_Paulo).`, 'timeZone');
  }
}

/** The wall clock of `instant` in the zone, as if it were UTC: its difference to the instant is the offset in force. */
function wallClock(format: Intl.DateTimeFormat, instant: number): number {
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) + (instant % 1000);
}

function offsetAt(format: Intl.DateTimeFormat, instant: number): number {
  return wallClock(format, instant) - instant;
}

/**
 * The first instant whose wall clock in the zone is midnight of `day`. Of a midnight that happens
 * twice (clocks set back over it) the earlier, so the day holds the repeated hour; of one the
 * clocks skip, the instant the day then begins at: the offset before the change, as PostgreSQL
 * reads a skipped local time.
 */
function midnight(format: Intl.DateTimeFormat, day: Day): Date {
  const wall = Date.UTC(day.year, day.month - 1, day.day);
  // Offsets on either side of any change near that midnight (no zone changes twice within a day).
  const offsets = [offsetAt(format, wall - 24 * HOUR_MS), offsetAt(format, wall + 24 * HOUR_MS)];
  const matching = offsets.map((offset) => wall - offset).filter((instant) => wallClock(format, instant) === wall);
  return new Date(matching.length > 0 ? Math.min(...matching) : wall - offsets[0]);
}

function localDay(format: Intl.DateTimeFormat, instant: number): Day {
  const wall = new Date(wallClock(format, instant));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

function addDays(day: Day, days: number): Day {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Days since the week's Monday: 0 on Monday, 6 on Sunday. */
function daysSinceMonday(day: Day): number {
  return (new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7;
}

/**
 * The range a run at `runAt` covers, in `timeZone`. Days, weeks and months begin at local
 * midnight, so a day is 23 or 25 hours long when the clocks change in it; hours are whole hours
 * of elapsed time ending at the local hour the run falls in. MONTH_TO_DATE runs to the run itself,
 * in the month of the instant just before it, so a run on the stroke of a month's first midnight
 * covers the month just ended rather than nothing.
 */
export function windowRange(window: ScheduleWindow, runAt: Date, timeZone: string): WindowRange {
  const format = formatter(timeZone);
  const run = runAt.getTime();
  const today = localDay(format, run);
  switch (window) {
    case 'PREVIOUS_HOUR': {
      // The wall clock's minutes and seconds past the hour are the time since the local hour began (offsets of a quarter hour included).
      const hourStart = run - (wallClock(format, run) % HOUR_MS);
      return { from: new Date(hourStart - HOUR_MS), to: new Date(hourStart) };
    }
    case 'PREVIOUS_DAY':
      return { from: midnight(format, addDays(today, -1)), to: midnight(format, today) };
    case 'PREVIOUS_7_DAYS':
      return { from: midnight(format, addDays(today, -7)), to: midnight(format, today) };
    case 'PREVIOUS_WEEK': {
      const monday = addDays(today, -daysSinceMonday(today));
      return { from: midnight(format, addDays(monday, -7)), to: midnight(format, monday) };
    }
    case 'PREVIOUS_MONTH':
      return { from: midnight(format, { year: today.year, month: today.month - 1, day: 1 }), to: midnight(format, { ...today, day: 1 }) };
    case 'MONTH_TO_DATE': {
      const closing = localDay(format, run - 1);
      return { from: midnight(format, { ...closing, day: 1 }), to: runAt };
    }
  }
}
