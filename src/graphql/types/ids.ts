import { badUserInput } from '../errors';

const MAX_BIGINT = 9223372036854775807n;

/** Ids are bigints; anything else is refused here rather than failing inside PostgreSQL. */
export function parseId(value: string, field: string): string {
  if (!/^\d{1,19}$/.test(value) || BigInt(value) > MAX_BIGINT) {
    throw badUserInput(`\`${field}\` must be a numeric id, got ${JSON.stringify(value)}.`, field);
  }
  return BigInt(value).toString();
}

export function parseIds(values: readonly string[], field: string): string[] {
  return values.map((value) => parseId(value, field));
}
