import { types } from 'pg';

const TIMESTAMPTZ = 1184;

const digit = (text: string, index: number) => text.charCodeAt(index) - 48;
const twoDigits = (text: string, index: number) => digit(text, index) * 10 + digit(text, index + 1);

/**
 * A parser of `timestamptz` values that reads the form PostgreSQL sends in a UTC session
 * (`2026-02-01 10:05:00.123456+00`) digit by digit, and hands every other form (other offsets,
 * years below 100 or above 9999, BC, infinity) to node-postgres's own parser. It gives the same
 * Date: milliseconds truncated from the microseconds. node-postgres's parser runs three regular
 * expressions per value, and a nested page reads a thousand timestamps.
 */
export function timestamptzParser(fallback: (text: string) => unknown): (text: string) => unknown {
  return (text) => {
    const length = text.length;
    const plain =
      length >= 22 &&
      length <= 29 &&
      length !== 23 &&
      text.charCodeAt(4) === 45 &&
      text.charCodeAt(10) === 32 &&
      text.endsWith('+00') &&
      (length === 22 || text.charCodeAt(19) === 46) &&
      digit(text, 0) + digit(text, 1) > 0;
    if (!plain) return fallback(text);
    const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
    // Milliseconds: the first three digits of the fraction (PostgreSQL drops trailing zeros).
    const milliseconds =
      length > 22 ? digit(text, 20) * 100 + (length > 24 ? digit(text, 21) * 10 : 0) + (length > 25 ? digit(text, 22) : 0) : 0;
    return new Date(
      Date.UTC(
        year,
        twoDigits(text, 5) - 1,
        twoDigits(text, 8),
        twoDigits(text, 11),
        twoDigits(text, 14),
        twoDigits(text, 17),
        milliseconds,
      ),
    );
  };
}

let installed = false;

/** Every pool of the process parses `timestamptz` with timestamptzParser from then on. */
export function installTimestamptzParser(): void {
  if (installed) return;
  installed = true;
  types.setTypeParser(TIMESTAMPTZ, timestamptzParser(types.getTypeParser(TIMESTAMPTZ, 'text')));
}
