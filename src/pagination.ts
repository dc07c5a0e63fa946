import { badUserInput } from './errors';
import { isBigintId } from './ids';

/**
 * Paging for every list of the API (entity connections, report pages, export jobs, audit events):
 * one cursor codec, one page-size check, one way to build a page. Lists fetch one row more than
 * asked for; that row only tells whether another page follows.
 */

/** Where a page sits in the whole list. Paging is forward only. */
export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** One page, with the count of the whole list left to run only when someone asks for it. */
export interface Page<T> {
  edges: Array<Edge<T>>;
  pageInfo: PageInfo;
  count: () => Promise<number>;
}

export function assertPageSize(first: number, max: number): void {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badUserInput(`\`first\` must be between 1 and ${max}, got ${first}.`, 'first');
  }
}

/** The end cursors are read when selected, so edges that encode their cursor lazily stay unencoded. */
export function pageInfoOf<T>(edges: Array<Edge<T>>, hasNextPage: boolean, afterGiven: boolean): PageInfo {
  return {
    hasNextPage,
    hasPreviousPage: afterGiven,
    get startCursor() {
      return edges[0]?.cursor ?? null;
    },
    get endCursor() {
      return edges.at(-1)?.cursor ?? null;
    },
  };
}

/** The page of `rows` fetched with a limit of `first + 1`. */
export function pageOf<R, T>(
  rows: R[],
  first: number,
  afterGiven: boolean,
  edgeOf: (row: R) => Edge<T>,
  count: () => Promise<number>,
): Page<T> {
  const edges = rows.slice(0, first).map(edgeOf);
  return { edges, pageInfo: pageInfoOf(edges, rows.length > first, afterGiven), count };
}

/** A check of one cursor value: each must fit the SQL type it is compared with, or PostgreSQL would fail instead of the client. */
export interface CursorValue {
  test(value: string): boolean;
}

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z in microseconds since the epoch: instants PostgreSQL and JavaScript both hold. */
const MIN_MICROS = -62_135_596_800_000_000n;
const MAX_MICROS = 253_402_300_799_999_999n;
const ISO_MICROS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_TEXT = 512;

/** Date.parse rolls 2026-02-31 over into March and takes year 0, which PostgreSQL lacks; a real day survives the round trip. */
function isRealDay(day: string): boolean {
  if (day < '0001') return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day);
}

export const cursorValues = {
  id: { test: isBigintId },
  uuid: UUID,
  /** An instant as microseconds since the epoch (exact, where a Date keeps milliseconds). */
  micros: { test: (value: string) => /^-?\d{1,18}$/.test(value) && BigInt(value) >= MIN_MICROS && BigInt(value) <= MAX_MICROS },
  /** An instant as PostgreSQL formats it to the microsecond in UTC: 2026-11-01T08:30:00.123456Z. */
  instant: {
    test: (value: string) => {
      const match = ISO_MICROS.exec(value);
      return match !== null && isRealDay(match[1].slice(0, 10)) && new Date(`${match[1]}Z`).toISOString().startsWith(match[1]);
    },
  },
  date: { test: (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDay(value) },
  int: /^-?[0-9]{1,9}$/,
  text: { test: (value: string) => value.length <= MAX_TEXT && !value.includes('\u0000') },
} satisfies Record<string, CursorValue>;

/**
 * What a cursor belongs to: the list it pages (a list name, a report, an order) and the account
 * it was issued to, so a cursor of one list, or of another account, is refused instead of
 * silently setting a position.
 */
export interface CursorScope {
  list: string;
  accountId: string;
}

/** base64url JSON of the scope and the row's position, opaque to clients. */
export function encodeCursor(scope: CursorScope, values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify([scope.list, scope.accountId, ...values.map(String)])).toString('base64url');
}

function decoded(cursor: string, scope: CursorScope, checks: readonly CursorValue[]): string[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== checks.length + 2) return null;
  const [list, accountId, ...values] = parsed as unknown[];
  if (list !== scope.list || accountId !== scope.accountId) return null;
  const valid = values.every((value, index) => typeof value === 'string' && checks[index].test(value));
  return valid ? (values as string[]) : null;
}

export function isCursorOf(cursor: string, scope: CursorScope, checks: readonly CursorValue[]): boolean {
  return decoded(cursor, scope, checks) !== null;
}

/** The position a cursor holds; BAD_USER_INPUT naming `field` when it is not a cursor of this list and account. */
export function decodeCursor(cursor: string, scope: CursorScope, checks: readonly CursorValue[], field = 'after'): string[] {
  const values = decoded(cursor, scope, checks);
  if (!values) throw badUserInput(`\`${field}\` is not a cursor of this list.`, field);
  return values;
}
