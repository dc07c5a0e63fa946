import { CodedError } from '../../src/errors';
import { assertPageSize, cursorValues, decodeCursor, encodeCursor, pageOf } from '../../src/pagination';

const scope = { list: 'exports', accountId: '7' };
const checks = [cursorValues.micros, cursorValues.uuid];
const id = '3f2b0c1e-8a4d-4c1b-9e2f-5a6b7c8d9e0f';

function refusal(run: () => unknown): { code: string; details: object } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof CodedError)) throw error;
    return { code: error.code, details: error.details };
  }
}

describe('the pagination module', () => {
  it('gives back the position a cursor was made from, for its list and account only', () => {
    const cursor = encodeCursor(scope, ['1793527200000000', id]);
    expect(decodeCursor(cursor, scope, checks)).toEqual(['1793527200000000', id]);
    for (const other of [
      { ...scope, list: 'audit' },
      { ...scope, accountId: '8' },
    ]) {
      expect(refusal(() => decodeCursor(cursor, other, checks))).toEqual({ code: 'BAD_USER_INPUT', details: { field: 'after' } });
    }
  });

  it.each([
    // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z in microseconds are the ends of the range.
    ['micros', '-62135596800000000', true],
    ['micros', '-62135596800000001', false],
    ['micros', '253402300799999999', true],
    ['micros', '253402300800000000', false],
    ['micros', '-999999999999999999', false],
    ['micros', '1e6', false],
    ['id', '9223372036854775807', true],
    ['id', '9223372036854775808', false],
    ['uuid', id, true],
    ['uuid', '-'.repeat(36), false],
    ['uuid', id.toUpperCase(), false],
    ['instant', '2026-11-01T08:30:00.123456Z', true],
    ['instant', '2026-02-29T08:30:00.000000Z', false],
    ['instant', '0000-12-31T10:00:00.000000Z', false],
    ['instant', '2026-11-01T24:00:00.000000Z', false],
    ['date', '2024-02-29', true],
    ['date', '2026-02-29', false],
    ['int', '-999999999', true],
    ['int', '1234567890', false],
    ['text', 'x'.repeat(512), true],
    ['text', 'x'.repeat(513), false],
    ['text', 'a\u0000b', false],
  ] as const)('a %s value of %j is accepted: %s', (kind, value, accepted) => {
    expect(cursorValues[kind].test(value)).toBe(accepted);
  });

  it('refuses text that is not base64url JSON of a scoped array of strings', () => {
    const forged = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const cursor of [
      '',
      'not a cursor',
      forged({ list: 'exports' }),
      forged(['exports', '7', 1793527200000000, id]),
      forged(['exports', '7', '1']),
    ]) {
      expect(refusal(() => decodeCursor(cursor, scope, checks, 'cursor'))).toEqual({
        code: 'BAD_USER_INPUT',
        details: { field: 'cursor' },
      });
    }
  });

  it('checks the page size and builds the page from rows fetched with one extra', async () => {
    expect(refusal(() => assertPageSize(0, 100))).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'first' } });
    expect(refusal(() => assertPageSize(1.5, 100))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(refusal(() => assertPageSize(100, 100))).toBeNull();
    const page = pageOf(
      [1, 2, 3],
      2,
      true,
      (n) => ({ cursor: `c${n}`, node: n * 10 }),
      async () => 3,
    );
    expect(page.edges).toEqual([
      { cursor: 'c1', node: 10 },
      { cursor: 'c2', node: 20 },
    ]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: 'c1', endCursor: 'c2' });
    expect(await page.count()).toBe(3);
    expect(
      pageOf(
        [],
        2,
        false,
        (n: number) => ({ cursor: `c${n}`, node: n }),
        async () => 0,
      ).pageInfo,
    ).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});
