import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { RangeEnd } from '../../reports/filter';

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

function parse(value: unknown): RangeEnd {
  if (typeof value !== 'string') throw new GraphQLError('DateTimeInZone must be a string such as "2026-11-01" or "2026-11-01T08:30:00-03:00".');
  const match = PATTERN.exec(value);
  if (!match || !isRealDateTime(match[1], match[2] ?? '00:00') || !isRealOffset(match[3])) {
    throw new GraphQLError(`"${value}" is not a date or date-time such as "2026-11-01" or "2026-11-01T08:30:00-03:00".`);
  }
  const [, date, time, offset] = match;
  // PostgreSQL reads "2026-11-01-03:00" (a date with an offset but no time) as a syntax error.
  return { text: offset && !time ? `${date}T00:00${offset}` : value, hasOffset: offset !== undefined };
}

/** The offsets in use on Earth, -12:00 to +14:00; PostgreSQL refuses some larger ones with an error. */
function isRealOffset(offset: string | undefined): boolean {
  if (offset === undefined || offset === 'Z') return true;
  const minutes = Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6));
  return Number(offset.slice(4, 6)) < 60 && minutes <= (offset.startsWith('-') ? 12 * 60 : 14 * 60);
}

export const DateTimeInZoneScalar = new GraphQLScalarType<RangeEnd, string>({
  name: 'DateTimeInZone',
  description:
    'An ISO 8601 date or date-time used as a report range end. With an offset (`2026-11-01T00:00:00-03:00`, ' +
    '`2026-11-01T03:00:00Z`) it is that instant. Without one (`2026-11-01`, `2026-11-01T08:30`) it is wall-clock ' +
    'time in the filter time zone, so `2026-11-01` means local midnight there, daylight saving included.',
  serialize: (value) => (value as RangeEnd).text,
  parseValue: parse,
  // graphql-js reports a literal's own GraphQLError as it is: with the node, it carries the position.
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTimeInZone must be a string.', { nodes: ast });
    try {
      return parse(ast.value);
    } catch (error) {
      throw new GraphQLError((error as Error).message, { nodes: ast });
    }
  },
});
