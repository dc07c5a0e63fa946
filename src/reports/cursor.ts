import { badUserInput } from '../graphql/errors';
import { decodeJsonCursor, encodeJsonCursor } from '../graphql/types/json-cursor';

/**
 * A report cursor is base64url JSON of the report key and the row key values. The key is inside
 * so that a cursor of one report is refused by another instead of silently skipping rows.
 */
export function encodeReportCursor(reportKey: string, values: unknown[]): string {
  return encodeJsonCursor([reportKey, ...values.map(String)]);
}

/** A check of one cursor value: a RegExp or anything else with a `test`. */
export interface CursorValuePattern {
  test(value: string): boolean;
}

export function decodeReportCursor(cursor: string, reportKey: string, patterns: CursorValuePattern[], field = 'after'): string[] {
  const decoded = decodeJsonCursor(cursor);
  if (
    !decoded ||
    // Each value must fit its key column, or PostgreSQL would fail on it instead of the client.
    decoded.length !== patterns.length + 1 ||
    decoded[0] !== reportKey ||
    !patterns.every((pattern, index) => {
      const value = decoded[index + 1];
      return typeof value === 'string' && pattern.test(value);
    })
  ) {
    throw badUserInput(`\`${field}\` is not a cursor of this report.`, field);
  }
  return decoded.slice(1) as string[];
}
