import { badUserInput } from '../graphql/errors';

/**
 * A report cursor is base64url JSON of the report key and the row key values. The key is inside
 * so that a cursor of one report is refused by another instead of silently skipping rows.
 */
export function encodeReportCursor(reportKey: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([reportKey, ...values.map(String)])).toString('base64url');
}

/** A check of one cursor value: a RegExp or anything else with a `test`. */
export interface CursorValuePattern {
  test(value: string): boolean;
}

export function decodeReportCursor(cursor: string, reportKey: string, patterns: CursorValuePattern[], field = 'after'): string[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (
    !Array.isArray(decoded) ||
    // Each value must fit its key column, or PostgreSQL would fail on it instead of the client.
    decoded.length !== patterns.length + 1 ||
    decoded[0] !== reportKey ||
    !patterns.every((pattern, index) => typeof decoded[index + 1] === 'string' && pattern.test(decoded[index + 1]))
  ) {
    throw badUserInput(`\`${field}\` is not a cursor of this report.`, field);
  }
  return decoded.slice(1) as string[];
}
