import fc from 'fast-check';
import { startTestApp, TestApp } from '../support/app';
import { createAccount, insertRows, TestAccount } from '../support/fixtures';
import { fuzzRuns } from '../support/fuzz';

const forge = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

interface ListCase {
  /** Only `first` and `after` vary; the selection is the page's cursors. */
  query: string;
  field: string;
  /** The list name in the cursor and the values a position holds. */
  list: string;
  position: (account: TestAccount) => Promise<string[]>;
}

type Page = { pageInfo: { endCursor: string | null }; edges: Array<{ cursor: string }> };

/**
 * Every list of the API pages with the same cursor codec: a cursor names its list and the
 * account it was issued to, and each value it carries must fit the SQL type it is compared
 * with. Whatever a client sends as `after` is a page or BAD_USER_INPUT naming `after`, never an
 * error of PostgreSQL's (a masked 500) and never a position in another account's list.
 */
describe('list cursors', () => {
  let app: TestApp;
  let home: TestAccount;
  let other: TestAccount;

  const lists: Record<string, ListCase> = {
    tags: {
      query: 'query($after: String) { tags(first: 1, after: $after) { pageInfo { endCursor } edges { cursor } } }',
      field: 'tags',
      list: 'entities:desc',
      position: async () => ['2026-11-01T10:00:00.000000Z', '1'],
    },
    exportJobs: {
      query: 'query($after: String) { exportJobs(first: 1, after: $after) { pageInfo { endCursor } edges { cursor } } }',
      field: 'exportJobs',
      list: 'exports',
      position: async () => ['1793527200000000', '3f2b0c1e-8a4d-4c1b-9e2f-5a6b7c8d9e0f'],
    },
    auditEvents: {
      query: 'query($after: String) { auditEvents(first: 1, after: $after) { pageInfo { endCursor } edges { cursor } } }',
      field: 'auditEvents',
      list: 'audit',
      position: async () => ['1793527200000000', '1'],
    },
    conversationsOpenReport: {
      query:
        'query($after: String) { conversationsOpenReport(filter: { from: "2026-11-01", to: "2026-11-03" }, first: 1, after: $after) { pageInfo { endCursor } edges { cursor } } }',
      field: 'conversationsOpenReport',
      list: 'report:conversations_open',
      position: async () => ['1'],
    },
  };

  async function page(name: string, key: string, after: string | null) {
    const response = await app.graphql<Record<string, Page>>(lists[name].query, { key, variables: { after } });
    return response;
  }

  async function expectRefused(name: string, key: string, after: string) {
    const response = await page(name, key, after);
    expect([response.status, response.errors?.map((e) => e.extensions)]).toEqual([
      200,
      [expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' })],
    ]);
  }

  beforeAll(async () => {
    app = await startTestApp({ configure: (config) => ({ ...config, security: { ...config.security, rateLimitBurst: 10_000 } }) });
    home = await createAccount(app.db);
    other = await createAccount(app.db);
    for (const account of [home, other]) {
      await insertRows(app.db, account.id, 'tags', [{ name: 'a' }, { name: 'b' }]);
      const [inbox] = await insertRows(app.db, account.id, 'inboxes', [
        { name: 'in', display_name: 'Inbox', channel_type: 'whatsapp', medium: 'whatsapp' },
      ]);
      const [contact] = await insertRows(app.db, account.id, 'contacts', [{ medium: 'whatsapp', primary_identifier: '+5511999990000' }]);
      const conversation = {
        inbox_id: inbox,
        contact_id: contact,
        status: 'open',
        created_at: '2026-11-01T10:00:00Z',
        updated_at: '2026-11-01T10:00:00Z',
      };
      await insertRows(app.db, account.id, 'conversations', [
        { ...conversation, display_id: 1 },
        { ...conversation, display_id: 2 },
      ]);
      // Each export request is an export job and an audit event; the jobs stay QUEUED (no worker runs here).
      for (const day of ['2026-11-01', '2026-11-02']) {
        const response = await app.graphql('mutation($input: ExportReportInput!) { exportReport(input: $input) { id } }', {
          key: account.key,
          variables: { input: { report: 'CHAT_SUMMARY', filter: { from: day, to: '2026-11-03', timeZone: 'UTC' } } },
        });
        expect(response.errors).toBeUndefined();
      }
    }
  }, 60_000);

  afterAll(async () => {
    await app.close();
  });

  it.each(Object.keys(lists))('%s: a real cursor continues the list', async (name) => {
    const first = await page(name, home.key, null);
    expect(first.errors).toBeUndefined();
    const cursor = first.data![lists[name].field].pageInfo.endCursor;
    expect(cursor).toEqual(expect.any(String));
    const second = await page(name, home.key, cursor);
    expect(second.errors).toBeUndefined();
    expect(second.data![lists[name].field].edges.map((e) => e.cursor)).not.toContain(cursor);
  });

  it.each(Object.keys(lists))('%s: a cursor issued to another account is refused', async (name) => {
    const foreign = (await page(name, other.key, null)).data![lists[name].field].pageInfo.endCursor as string;
    expect(foreign).toEqual(expect.any(String));
    await expectRefused(name, home.key, foreign);
  });

  it.each([
    [
      'auditEvents',
      'an id above bigint',
      (account: TestAccount) => forge(['audit', account.id, '1793527200000000', '9999999999999999999']),
    ],
    ['exportJobs', 'an id of 36 dashes', (account: TestAccount) => forge(['exports', account.id, '1793527200000000', '-'.repeat(36)])],
    ['auditEvents', 'a time of -999999999999999999 µs', (account: TestAccount) => forge(['audit', account.id, '-999999999999999999', '1'])],
    [
      'exportJobs',
      'a time of -999999999999999999 µs',
      (account: TestAccount) => forge(['exports', account.id, '-999999999999999999', '3f2b0c1e-8a4d-4c1b-9e2f-5a6b7c8d9e0f']),
    ],
    ['tags', 'a time in year 0', (account: TestAccount) => forge(['entities:desc', account.id, '0000-12-31T10:00:00.000000Z', '1'])],
    [
      'tags',
      'a position of the other order',
      (account: TestAccount) => forge(['entities:asc', account.id, '2026-11-01T10:00:00.000000Z', '1']),
    ],
  ])('%s: a forged cursor with %s is BAD_USER_INPUT', async (name, _label, cursor) => {
    await expectRefused(name, home.key, cursor(home));
  });

  it.each(Object.keys(lists))(
    '%s: any forged cursor is a page or BAD_USER_INPUT (fuzz)',
    async (name) => {
      const { list, position } = lists[name];
      const valid = await position(home);
      const value = fc.oneof(
        fc.constantFrom(...valid),
        fc.constantFrom(
          '-999999999999999999',
          '999999999999999999',
          '9223372036854775808',
          '-'.repeat(36),
          '0000-01-01',
          '2026-02-30',
          '\u0000',
          '',
        ),
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
        fc.uuid().map((id) => id.replace(/[0-9]/g, '-')),
        fc.string({ maxLength: 40 }),
        fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.double()),
      );
      const cursor = fc.oneof(
        fc
          .tuple(
            fc.constantFrom(list, 'audit', 'exports', 'entities:asc'),
            fc.constantFrom(home.id, other.id, '0'),
            fc.array(value, { minLength: 0, maxLength: 3 }),
          )
          .map(([l, account, values]) => forge([l, account, ...values])),
        fc.array(value, { maxLength: 4 }).map((values) => forge([list, home.id, ...values])),
        fc.jsonValue().map((v) => forge(v as unknown[])),
        fc.string({ maxLength: 60 }),
      );
      await fc.assert(
        fc.asyncProperty(cursor, async (after) => {
          const response = await page(name, home.key, after);
          expect(response.status).toBe(200);
          for (const error of response.errors ?? []) expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
          if (!response.errors) expect(Array.isArray(response.data![lists[name].field].edges)).toBe(true);
        }),
        fuzzRuns(60),
      );
    },
    60_000,
  );
});
