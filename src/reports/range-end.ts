import { RangeEnd } from './filter';

/** `2026-11-01`, `2026-11-01T08:30`, `2026-11-01T08:30:00.000`, optionally followed by `Z` or `±hh:mm`. */
const PATTERN = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?))?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Date.parse rolls 2026-02-30 over into March; a real date survives the round trip unchanged.
 * Year 0000 is a real date to JavaScript but not to PostgreSQL, which has no year zero.
 */
function isRealDateTime(date: string, time: string): boolean {
  const parsed = new Date(`${date}T${time}Z`);
  return date >= '0001-01-01' && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(`${date}T${time.slice(0, 5)}`);
}

/** The offsets in use on Earth, -12:00 to +14:00; PostgreSQL refuses some larger ones with an error. */
function isRealOffset(offset: string | undefined): boolean {
  if (offset === undefined || offset === 'Z') return true;
  const minutes = Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6));
  return Number(offset.slice(4, 6)) < 60 && minutes <= (offset.startsWith('-') ? 12 * 60 : 14 * 60);
}

/** A range end as the GraphQL scalar and the pull endpoint both take it; null when it is no real date or date-time. */
export function parseRangeEnd(value: string): RangeEnd | null {
  const match = PATTERN.exec(value);
  if (!match || !isRealDateTime(match[1], match[2] ?? '00:00') || !isRealOffset(match[3])) return null;
  const [, date, time, offset] = match;
  // PostgreSQL reads "2026-11-01-03:00" (a date with an offset but no time) as a syntax error.
  return { text: offset && !time ? `${date}T00:00${offset}` : value, hasOffset: offset !== undefined };
}
