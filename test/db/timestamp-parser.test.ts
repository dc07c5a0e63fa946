import { types } from 'pg';
import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { installTimestamptzParser, timestamptzParser } from '../../src/db/timestamp-parser';

describe('timestamptz parsing', () => {
  const original = types.getTypeParser(1184, 'text');
  const parse = timestamptzParser(original);
  const instant = (text: string) => {
    const value = parse(text);
    return value instanceof Date ? value.toISOString() : value;
  };

  it('reads the UTC form digit by digit, milliseconds truncated as node-postgres truncates them', () => {
    expect(instant('2026-02-01 10:05:00+00')).toBe('2026-02-01T10:05:00.000Z');
    expect(instant('2026-02-01 10:05:00.5+00')).toBe('2026-02-01T10:05:00.500Z');
    expect(instant('2026-02-01 10:05:00.12+00')).toBe('2026-02-01T10:05:00.120Z');
    // 123.999 ms: the Date keeps 123.
    expect(instant('2026-12-31 23:59:59.123999+00')).toBe('2026-12-31T23:59:59.123Z');
    expect(instant('0100-03-01 00:00:00+00')).toBe('0100-03-01T00:00:00.000Z');
  });

  it('leaves every other form to node-postgres, with the same instants', () => {
    // 10:05 at +05:30 is 04:35 UTC.
    expect(instant('2026-02-01 10:05:00.25+05:30')).toBe('2026-02-01T04:35:00.250Z');
    expect(instant('0099-01-01 00:00:00+00')).toBe('0099-01-01T00:00:00.000Z');
    expect(instant('12026-02-01 10:05:00+00')).toBe('+012026-02-01T10:05:00.000Z');
    expect(parse('infinity')).toBe(Infinity);
    expect(parse('-infinity')).toBe(-Infinity);
    for (const text of ['0044-03-15 12:00:00+00 BC', '2026-02-01 10:05:00.25-03', '1999-12-31 23:59:59.999999+00']) {
      expect((parse(text) as Date).getTime()).toBe((original(text) as Date).getTime());
    }
  });

  describe('on the database', () => {
    let db: Database;

    beforeAll(async () => {
      installTimestamptzParser();
      db = await openDatabase(loadConfig(process.env), () => undefined);
    });

    afterAll(async () => {
      await db.close();
    });

    it('gives the instants PostgreSQL sends in the session zone it has', async () => {
      const [row] = await db.runtime.query(
        `SELECT '2026-02-01T10:05:00.123456Z'::timestamptz AS fraction, '2026-02-01T10:05:00Z'::timestamptz AS whole,
                '2026-02-01T10:05:00+05:30'::timestamptz AS offset, 'infinity'::timestamptz AS endless`,
      );
      expect(row.fraction.toISOString()).toBe('2026-02-01T10:05:00.123Z');
      expect(row.whole.toISOString()).toBe('2026-02-01T10:05:00.000Z');
      expect(row.offset.toISOString()).toBe('2026-02-01T04:35:00.000Z');
      expect(row.endless).toBe(Infinity);
    });
  });
});
