import fc from 'fast-check';
import { catalog } from '../../src/catalog';
import { reportQueryField } from '../../src/catalog/naming';
import { withTenant } from '../../src/db/tenant-transaction';
import { createApiKey } from '../../src/auth/api-keys';
import { ChannelType } from '../../src/entities/enums/inbox.enums';
import { encodeCursor } from '../../src/pagination';
import { seedDemoData } from '../../src/seed/demo-data';
import { startTestApp, TestApp } from '../support/app';
import { fuzzRuns } from '../support/fuzz';
import { LEAK_PATTERNS, PUBLIC_CODES } from './support';

const CLIENT_CODES = PUBLIC_CODES.filter((code) => code !== 'INTERNAL_SERVER_ERROR');

/** The account the fuzzing key belongs to, known once the demo data is seeded. */
let accountId = '';

function reportCursor(reportKey: string, values: string[]): string {
  return encodeCursor({ list: `report:${reportKey}`, accountId }, values);
}

interface Ids {
  inboxes: string[];
  teams: string[];
  agents: string[];
}

/** Range ends: well-formed, well-formed but absurd, malformed and not strings at all. */
const rangeEnd = fc.oneof(
  fc
    .date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc
    .date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
      fc.constantFrom('', 'T25:61', 'T23:59:59.999999', '+14:00', '-23:59', 'Z'),
    )
    .map(([y, m, d, tail]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}${tail}`),
  fc.constantFrom('0000-01-01', '0001-01-01', '9999-12-31T23:59:59Z', '2026-02-29', '2024-02-29', 'now', '', 'infinity', 'epoch'),
  fc.string({ maxLength: 40 }),
  fc.oneof(fc.integer(), fc.constant(null), fc.boolean()),
);

/** A range the API accepts (inside the demo data's 60 days), so the other inputs get to be tried too. */
const validRange = fc
  .tuple(
    fc.date({ min: new Date('2026-08-01T00:00:00Z'), max: new Date('2026-10-10T00:00:00Z'), noInvalidDate: true }),
    fc.integer({ min: 1, max: 90 }),
  )
  .map(([from, days]) => ({ from: from.toISOString(), to: new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10) }));

const timeZone = fc.option(
  fc.oneof(
    {
      arbitrary: fc.constantFrom(
        'UTC',
        'America/Sao_Paulo',
        'America/New_York',
        'Asia/Kathmandu',
        'Pacific/Chatham',
        'Etc/GMT+12',
        'posixrules',
      ),
      weight: 4,
    },
    fc.constantFrom('Mars/Olympus', '', 'utc', '+03:00', 'localtime', 'America/Sao_Paulo ', 'UTC\u0000'),
    fc.string({ maxLength: 30 }),
  ),
  { nil: undefined, freq: 2 },
);

function idList(own: string[], foreign: string[]) {
  return fc.option(
    fc.array(
      fc.oneof(
        { arbitrary: fc.constantFrom(...own), weight: 6 },
        fc.constantFrom(...foreign),
        fc.constantFrom('0', '-1', '1e3', '9223372036854775807', '9223372036854775808', '99999999999999999999', ' 1', '', '1\u0000'),
        fc.string({ maxLength: 12 }),
      ),
      { maxLength: 3 },
    ),
    { nil: undefined, freq: 1 },
  );
}

/** Cursors that decode and match their report's key patterns but name rows or values that cannot exist. */
function cursorFor(reportKey: string) {
  const report = catalog.find((r) => r.key === reportKey)!;
  const value = (name: string) => {
    const type = report.columns.find((c) => c.field === name)?.type ?? 'ID';
    if (type === 'Date')
      return fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
        .map((p) => p.map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join('-'));
    if (type === 'Int') return fc.integer({ min: -999_999_999, max: 999_999_999 }).map(String);
    if (type === 'ID')
      return fc.oneof(fc.bigInt({ min: 0n, max: 9_999_999_999_999_999_999n }).map(String), fc.constantFrom('0', '9223372036854775808'));
    return fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', 'x'.repeat(513)));
  };
  return fc.tuple(...report.rowKey.map(value)).map((values) => reportCursor(report.key, values));
}

const after = (reportKey: string) =>
  fc.option(
    fc.oneof(
      { arbitrary: cursorFor(reportKey), weight: 4 },
      cursorFor(catalog[(catalog.findIndex((r) => r.key === reportKey) + 1) % catalog.length].key),
      fc.string({ maxLength: 40 }),
      fc.base64String({ maxLength: 60 }),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
    ),
    { nil: undefined, freq: 2 },
  );

/**
 * Every combination of report filter and paging, valid or not, gets data or a coded client error:
 * never a 500, never INTERNAL_SERVER_ERROR, never a message that shows SQL or code, and never
 * data when the filter names another account's ids.
 */
describe('fuzzing report filters', () => {
  let app: TestApp;
  let key: string;
  let own: Ids;
  let foreign: Ids;

  beforeAll(async () => {
    app = await startTestApp({ configure: (config) => ({ ...config, security: { ...config.security, rateLimitBurst: 10_000 } }) });
    const [home, other] = await seedDemoData(app.db.owner, { now: new Date('2026-10-15T12:00:00Z'), conversationsPerAccount: 6 });
    accountId = home.id;
    key = (await withTenant(app.db.owner, home.id, (runner) => createApiKey(runner, { accountId: home.id, role: 'analyst', name: 'fuzz' })))
      .key;
    const ids = async (accountId: string): Promise<Ids> => {
      const of = async (table: string) =>
        (
          (await app.db.owner.query(`SELECT id::text AS id FROM ${table} WHERE account_id = $1 ORDER BY id LIMIT 3`, [
            accountId,
          ])) as Array<{ id: string }>
        ).map((r) => r.id);
      return { inboxes: await of('inboxes'), teams: await of('teams'), agents: await of('agents') };
    };
    own = await ids(home.id);
    foreign = await ids(other.id);
  }, 60_000);

  afterAll(async () => {
    await app.close();
  });

  it('answers every input with data or a coded client error', async () => {
    const input = fc.constantFrom(...catalog.map((r) => r.key)).chain((reportKey) =>
      fc.record({
        reportKey: fc.constant(reportKey),
        filter: fc
          .tuple(
            fc.oneof({ arbitrary: validRange, weight: 3 }, fc.record({ from: rangeEnd, to: rangeEnd })),
            fc.record(
              {
                timeZone,
                inboxIds: idList(own.inboxes, foreign.inboxes),
                channelTypes: fc.option(
                  fc.array(fc.oneof({ arbitrary: fc.constantFrom(...Object.keys(ChannelType)), weight: 6 }, fc.string({ maxLength: 10 })), {
                    maxLength: 3,
                  }),
                  { nil: undefined, freq: 2 },
                ),
                teamIds: idList(own.teams, foreign.teams),
                agentIds: idList(own.agents, foreign.agents),
              },
              { requiredKeys: [] },
            ),
          )
          .map(([range, rest]) => ({ ...range, ...rest })),
        first: fc.oneof(
          { arbitrary: fc.integer({ min: 1, max: 1000 }), weight: 6 },
          fc.integer({ min: -3, max: 1003 }),
          fc.constantFrom(0, 2 ** 31, -(2 ** 31) - 1, null),
          fc.double({ noNaN: true }),
        ),
        after: after(reportKey),
      }),
    );

    await fc.assert(
      fc.asyncProperty(input, async ({ reportKey, filter, first, after: cursor }) => {
        const report = catalog.find((r) => r.key === reportKey)!;
        const field = reportQueryField(reportKey);
        const response = await fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({
            query: `query($filter: ReportFilter!, $first: Int, $after: String) {
              ${field}(filter: $filter, first: $first, after: $after) { totalCount nodes { ${report.columns.map((c) => c.field).join(' ')} } }
            }`,
            variables: { filter, first, after: cursor },
          }),
        });
        const text = await response.text();
        const body = JSON.parse(text) as {
          data?: Record<string, { nodes: unknown[]; totalCount: number }> | null;
          errors?: Array<{ extensions?: { code?: string } }>;
        };

        expect([200, 400]).toContain(response.status);
        for (const pattern of LEAK_PATTERNS) expect(text).not.toMatch(pattern);
        for (const error of body.errors ?? []) expect(CLIENT_CODES).toContain(error.extensions?.code);
        if (!body.errors) {
          const page = body.data![field];
          expect(Array.isArray(page.nodes)).toBe(true);
          expect(page.nodes.length).toBeLessThanOrEqual(typeof first === 'number' ? first : 100);
          const named = [...(filter.inboxIds ?? []), ...(filter.teamIds ?? []), ...(filter.agentIds ?? [])];
          const foreignIds = [...foreign.inboxes, ...foreign.teams, ...foreign.agents];
          expect(named.filter((id) => foreignIds.includes(String(id)))).toEqual([]);
        }
      }),
      fuzzRuns(300),
    );
  }, 120_000);

  const RANGE = { from: '2026-08-01', to: '2026-09-01' };
  it.each([
    ['a range end in year 0000', 'chatSummaryReport', { filter: { from: '0000-01-01', to: '2026-01-01' } }, 'BAD_USER_INPUT'],
    ['an offset no place uses', 'chatSummaryReport', { filter: { from: '2026-08-01T10:00-23:59', to: '2026-09-01' } }, 'BAD_USER_INPUT'],
    ['a date with a negative offset and no time', 'chatSummaryReport', { filter: { from: '2026-08-01-03:00', to: '2026-09-01' } }, null],
    ['a filter id past bigint', 'chatSummaryReport', { filter: { ...RANGE, inboxIds: ['9223372036854775808'] } }, 'BAD_USER_INPUT'],
    ['a NUL byte in the time zone', 'chatSummaryReport', { filter: { ...RANGE, timeZone: 'UTC\u0000' } }, 'BAD_USER_INPUT'],
    [
      'a cursor id past bigint',
      'messagesReport',
      { filter: RANGE, after: () => reportCursor('messages', ['9223372036854775808']) },
      'BAD_USER_INPUT',
    ],
    [
      'a cursor date that does not exist',
      'chatSummaryReport',
      { filter: RANGE, after: () => reportCursor('chat_summary', ['9989-92-78', '1']) },
      'BAD_USER_INPUT',
    ],
  ])('regression found by fuzzing: %s', async (_label, field, { filter, after }: { filter: object; after?: () => string }, code) => {
    const variables = { filter, after: after?.() };
    const response = await app.graphql(
      `query($filter: ReportFilter!, $after: String) { ${field}(filter: $filter, after: $after) { totalCount } }`,
      { key, variables },
    );
    expect((response.errors ?? []).map((e) => e.extensions?.code)).toEqual(code ? [code] : []);
  });
});
