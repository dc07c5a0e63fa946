import { DataSource } from 'typeorm';
import { catalog } from '../../src/catalog';
import { runtimeDataSource } from '../../src/db/data-sources';
import { withTenant } from '../../src/db/tenant-transaction';
import { resolveReportFilter } from '../../src/reports/filter';
import { createAccount, TestAccount } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/app';

const messages = catalog.find((report) => report.key === 'messages')!;
const DAY = { from: { text: '2026-01-01', hasOffset: false }, to: { text: '2026-01-02', hasOffset: false } };

describe('report time zones: the names PostgreSQL knows, without a zone lookup per request', () => {
  let app: TestApp;
  let account: TestAccount;
  let runtime: DataSource;
  const sent: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db, { timeZone: 'America/Sao_Paulo' });
    runtime = runtimeDataSource((app.db.runtime.options as { url: string }).url, 2, { onStatement: (sql) => void sent.push(sql) });
    await runtime.initialize();
  });

  afterAll(async () => {
    await runtime.destroy();
    await app.close();
  });

  const resolve = (timeZone: string | null) =>
    withTenant(runtime, account.id, (runner) =>
      resolveReportFilter(runner.manager, messages, { ...DAY, timeZone }, { maxRangeDays: 366, fieldPrefix: 'filter' }),
    );

  it('reads pg_timezone_names once per data source, not once per report request', async () => {
    sent.length = 0;
    await resolve('Asia/Kolkata');
    await resolve('Europe/Berlin');
    await resolve(null);
    expect(sent.filter((sql) => sql.includes('pg_timezone_names'))).toEqual(['SELECT name FROM pg_timezone_names']);
  });

  it('accepts every name PostgreSQL lists, links and fixed offsets included', async () => {
    const rows: Array<{ name: string }> = await app.db.runtime.query('SELECT name FROM pg_timezone_names');
    expect(rows.length).toBeGreaterThan(400);
    for (const name of ['Asia/Kolkata', 'Asia/Calcutta', 'Asia/Kathmandu', 'Etc/GMT+3', 'US/Pacific', 'UTC'])
      expect(rows.map((r) => r.name)).toContain(name);
    const refused: string[] = [];
    for (const { name } of rows) {
      const filter = await resolve(name).catch(() => null);
      if (!filter) refused.push(name);
    }
    expect(refused).toEqual([]);
  });

  it('takes the half-hour offset of Asia/Kolkata for a wall-clock day', async () => {
    // 2026-01-01 00:00 at UTC+05:30 is 2025-12-31 18:30 UTC; the day ends 24 h later.
    const filter = await resolve('Asia/Kolkata');
    expect(filter.from.toISOString()).toBe('2025-12-31T18:30:00.000Z');
    expect(filter.to.toISOString()).toBe('2026-01-01T18:30:00.000Z');
    // Etc/GMT+3 is three hours behind UTC (POSIX sign): 2026-01-01 03:00 UTC.
    expect((await resolve('Etc/GMT+3')).from.toISOString()).toBe('2026-01-01T03:00:00.000Z');
  });

  it('computes a range in a zone once per data source, by PostgreSQL, and takes asOf from the now() it is given', async () => {
    // A range no other test of this file asks for (the one above resolves DAY in every zone).
    const range = { from: { text: '2026-01-03', hasOffset: false }, to: { text: '2026-01-04', hasOffset: false } };
    const cached = (timeZone: string, now?: Date) =>
      withTenant(runtime, account.id, (runner) =>
        resolveReportFilter(runner.manager, messages, { ...range, timeZone }, { maxRangeDays: 366, fieldPrefix: 'filter', now }),
      );
    const ranges = () => sent.filter((sql) => sql.includes('AT TIME ZONE')).length;
    await cached('Europe/Lisbon');
    sent.length = 0;
    // Lisbon is at UTC+00:00 in January, Tokyo at UTC+09:00: 2026-01-03 00:00 there is 2026-01-02 15:00 UTC.
    const lisbon = await cached('Europe/Lisbon', new Date('2026-01-05T10:00:00.000Z'));
    const tokyo = await cached('Asia/Tokyo', new Date('2026-01-05T11:00:00.000Z'));
    const tokyoAgain = await cached('Asia/Tokyo', new Date('2026-01-05T12:00:00.000Z'));
    expect([lisbon.from, lisbon.to, lisbon.asOf].map((d) => d.toISOString())).toEqual([
      '2026-01-03T00:00:00.000Z',
      '2026-01-04T00:00:00.000Z',
      '2026-01-05T10:00:00.000Z',
    ]);
    expect([tokyo.from, tokyo.to].map((d) => d.toISOString())).toEqual(['2026-01-02T15:00:00.000Z', '2026-01-03T15:00:00.000Z']);
    // Tokyo was computed once (its first call, where the statement's own now() is asOf); then its range comes from the cache.
    expect(ranges()).toBe(1);
    expect(tokyo.asOf.toISOString()).not.toBe('2026-01-05T11:00:00.000Z');
    expect([tokyoAgain.from, tokyoAgain.to, tokyoAgain.asOf].map((d) => d.toISOString())).toEqual([
      '2026-01-02T15:00:00.000Z',
      '2026-01-03T15:00:00.000Z',
      '2026-01-05T12:00:00.000Z',
    ]);
  });

  it.each([
    ['Mars/Olympus', 'a name that is no zone'],
    ['asia/kolkata', 'a known zone in the wrong case (pg_timezone_names compares exactly)'],
    ['ASIA/KOLKATA', 'the same in capitals'],
    ['Asia/Kolkata ', 'a trailing space'],
    ['', 'an empty name'],
  ])('refuses %j (%s) over GraphQL with BAD_USER_INPUT on filter.timeZone', async (timeZone) => {
    const response = await app.graphql('query($filter: ReportFilter!) { messagesReport(filter: $filter) { totalCount } }', {
      key: account.key,
      variables: { filter: { from: '2026-01-01', to: '2026-01-02', timeZone } },
    });
    expect(response.data).toBeNull();
    expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'filter.timeZone']]);
  });

  it('answers a report in Asia/Kolkata over GraphQL', async () => {
    const response = await app.graphql('query($filter: ReportFilter!) { messagesReport(filter: $filter) { totalCount } }', {
      key: account.key,
      variables: { filter: { from: '2026-01-01', to: '2026-01-02', timeZone: 'Asia/Kolkata' } },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ messagesReport: { totalCount: 0 } });
  });
});
