import { SqlFragment, allOf, rawSql, sql } from '../../loaders/support/sql';
import { badUserInput } from '../../errors';

/** A validated filter compiled to conditions on alias `t`, with the key that identifies it in a batch. */
export interface ListFilter {
  key: string;
  where: SqlFragment;
}

export const NO_FILTER: ListFilter = { key: '', where: rawSql('TRUE') };

export function listFilter(input: object, conditions: SqlFragment[]): ListFilter {
  return { key: JSON.stringify(input), where: allOf(conditions) };
}

/** `column = ANY(values)`; an empty list matches nothing, an absent one everything. */
export function anyOf(column: string, values: readonly string[] | null | undefined, type: 'bigint' | 'text'): SqlFragment[] {
  return values == null ? [] : [sql`${rawSql(column)} = ANY(${[...values]}::${rawSql(type)}[])`];
}

export function equals(column: string, value: string | boolean | null | undefined): SqlFragment[] {
  return value == null ? [] : [sql`${rawSql(column)} = ${value}`];
}

type Instant = Date | null | undefined;

/** Refuses an empty or inverted range, naming its upper bound as the argument at fault. */
export function checkRange(from: Instant, to: Instant, fields: [string, string]): void {
  if (from && to && from.getTime() >= to.getTime()) {
    throw badUserInput(`\`${fields[1]}\` must be later than \`${fields[0]}\`.`, fields[1]);
  }
}

/** Half-open `[from, to)` on a timestamp column. */
export function timeRange(column: string, from: Instant, to: Instant, fields: [string, string]): SqlFragment[] {
  checkRange(from, to, fields);
  return [...(from ? [sql`${rawSql(column)} >= ${from}`] : []), ...(to ? [sql`${rawSql(column)} < ${to}`] : [])];
}
