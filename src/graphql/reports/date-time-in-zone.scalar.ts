import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { RangeEnd } from '../../reports/filter';
import { parseRangeEnd } from '../../reports/range-end';

function parse(value: unknown): RangeEnd {
  if (typeof value !== 'string')
    throw new GraphQLError('DateTimeInZone must be a string such as "2026-11-01" or "2026-11-01T08:30:00-03:00".');
  const parsed = parseRangeEnd(value);
  if (!parsed) throw new GraphQLError(`"${value}" is not a date or date-time such as "2026-11-01" or "2026-11-01T08:30:00-03:00".`);
  return parsed;
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
