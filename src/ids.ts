import { badUserInput } from './errors';

const MAX_BIGINT = 9223372036854775807n;

/** True for the text of an id PostgreSQL can hold: digits within bigint's range. */
export function isBigintId(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT;
}

/** Ids are bigints; anything else is refused here rather than failing inside PostgreSQL. */
export function parseId(value: string, field: string): string {
  if (!isBigintId(value)) {
    throw badUserInput(`\`${field}\` must be a numeric id, got ${JSON.stringify(value)}.`, field);
  }
  return BigInt(value).toString();
}

export function parseIds(values: readonly string[], field: string): string[] {
  return values.map((value) => parseId(value, field));
}
