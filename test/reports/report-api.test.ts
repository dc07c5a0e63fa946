import { withTenant } from '../../src/db/tenant-transaction';
import { createApiKey } from '../../src/auth/api-keys';
import { catalog } from '../../src/catalog';
import { reportQueryField } from '../../src/catalog/naming';
import { DEMO_CONVERSATIONS_PER_ACCOUNT } from '../../src/demo';
import { seedDemoData, SeededAccount } from '../../src/seed/demo-data';
import { startTestApp, TestApp } from '../support/app';

const NOW = new Date('2026-11-20T15:00:00Z');
const FROM = new Date(NOW.getTime() - 60 * 86_400_000).toISOString();
const TO = NOW.toISOString();

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: Record<string, unknown> }>;
}

describe('report query fields over the demo data', () => {
  let app: TestApp;
  let accounts: SeededAccount[];
  const keys: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    // The same size `npm start` seeds, so this is the demo a stranger sees.
    accounts = await seedDemoData(app.db.owner, { now: NOW, conversationsPerAccount: DEMO_CONVERSATIONS_PER_ACCOUNT });
    for (const account of accounts) {
      const created = await withTenant(app.db.owner, account.id, (runner) =>
        createApiKey(runner, { accountId: account.id, role: 'analyst', name: 'reports' }),
      );
      keys.push(created.key);
    }
    // The demo goes through ingestion now: generating, validating and applying its events takes a while on a busy machine.
  }, 180_000);

  afterAll(async () => {
    await app.close();
  });

  async function page(
    report: string,
    variables: Record<string, unknown>,
    selection = 'totalCount pageInfo { hasNextPage endCursor } edges { cursor node { __typename } }',
    key = keys[0],
  ) {
    const field = reportQueryField(report);
    return app.graphql<Record<string, Page>>(
      `query($filter: ReportFilter!, $first: Int, $after: String) { ${field}(filter: $filter, first: $first, after: $after) { ${selection} } }`,
      { key, variables },
    );
  }

  it.each(catalog.map((r) => r.key))('%s returns rows for the last 60 days of both demo accounts', async (report) => {
    for (const key of keys) {
      const response = await page(report, { filter: { from: FROM, to: TO }, first: 5 }, 'totalCount edges { node { __typename } }', key);
      expect(response.errors).toBeUndefined();
      expect(response.data?.[reportQueryField(report)].totalCount).toBeGreaterThan(0);
      expect(response.data?.[reportQueryField(report)].edges.length).toBeGreaterThan(0);
    }
  });

  it('pages through a report with after: every row exactly once, as many as totalCount', async () => {
    const field = reportQueryField('chat_conversations');
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let guard = 0; guard < 1000; guard++) {
      const response = await page(
        'chat_conversations',
        { filter: { from: FROM, to: TO }, first: 37, after },
        'totalCount pageInfo { hasNextPage endCursor } edges { cursor node { messageId } }',
      );
      expect(response.errors).toBeUndefined();
      const connection = response.data?.[field] as Page;
      total = connection.totalCount;
      seen.push(...connection.edges.map((e) => String(e.node.messageId)));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(37);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => a - b));
  });

  it('serves only the key account rows', async () => {
    const field = reportQueryField('chat_users');
    for (const [index, account] of accounts.entries()) {
      const response = await page(
        'chat_users',
        { filter: { from: FROM, to: TO }, first: 1000 },
        'edges { node { accountId } }',
        keys[index],
      );
      const ids = new Set((response.data?.[field] as Page).edges.map((e) => e.node.accountId));
      expect([...ids]).toEqual([account.id]);
    }
  });

  describe('bad input gets BAD_USER_INPUT naming the field', () => {
    async function expectBadInput(report: string, variables: Record<string, unknown>, field: string, key = keys[0]) {
      const response = await page(report, variables, 'totalCount', key);
      expect(response.data?.[reportQueryField(report)] ?? null).toBeNull();
      expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', field]]);
      expect(JSON.stringify(response.errors)).not.toMatch(/SELECT|stack|at .*\.ts/);
    }

    it('from equal to to', () => expectBadInput('messages', { filter: { from: TO, to: TO } }, 'filter.from'));
    it('from after to', () => expectBadInput('messages', { filter: { from: TO, to: FROM } }, 'filter.from'));
    it('a range over 366 days', () => expectBadInput('messages', { filter: { from: '2024-01-01', to: '2025-01-03' } }, 'filter.to'));
    it('an unknown time zone', () =>
      expectBadInput('messages', { filter: { from: FROM, to: TO, timeZone: 'Mars/Olympus' } }, 'filter.timeZone'));
    it('an unknown inbox', () =>
      expectBadInput('messages', { filter: { from: FROM, to: TO, inboxIds: ['999999999'] } }, 'filter.inboxIds'));
    it('a malformed inbox id', () => expectBadInput('messages', { filter: { from: FROM, to: TO, inboxIds: ['abc'] } }, 'filter.inboxIds'));
    it('another account inbox', async () => {
      const [row] = await app.db.owner.query('SELECT id::text AS id FROM inboxes WHERE account_id = $1 LIMIT 1', [accounts[1].id]);
      await expectBadInput('messages', { filter: { from: FROM, to: TO, inboxIds: [row.id] } }, 'filter.inboxIds');
    });
    it('a team filter on a report without teams', () =>
      expectBadInput('contacts', { filter: { from: FROM, to: TO, teamIds: ['1'] } }, 'filter.teamIds'));
    it('first = 0', () => expectBadInput('messages', { filter: { from: FROM, to: TO }, first: 0 }, 'first'));
    it('first = 1001', () => expectBadInput('messages', { filter: { from: FROM, to: TO }, first: 1001 }, 'first'));
    it('a garbage cursor', () => expectBadInput('messages', { filter: { from: FROM, to: TO }, after: 'garbage' }, 'after'));
    it('a cursor of another report', async () => {
      const first = await page('chat_conversations', { filter: { from: FROM, to: TO }, first: 1 });
      const cursor = first.data?.[reportQueryField('chat_conversations')].pageInfo.endCursor;
      await expectBadInput('messages', { filter: { from: FROM, to: TO }, after: cursor }, 'after');
    });
    it('a forged cursor whose value is not an id', () =>
      expectBadInput(
        'messages',
        {
          filter: { from: FROM, to: TO },
          after: Buffer.from(JSON.stringify(['report:messages', accounts[0].id, "1'; --"])).toString('base64url'),
        },
        'after',
      ));
    // 0001-01-01T00:00:00+14:00 is 0000-12-31T10:00Z, an instant in 1 BC; 9999-12-31T23:00-12:00 is in year 10000.
    it('a from in 1 BC', () =>
      expectBadInput('messages', { filter: { from: '0001-01-01T00:00:00+14:00', to: '0001-01-05' } }, 'filter.from'));
    it('a wall-clock from in 1 BC in its zone', () =>
      expectBadInput('messages', { filter: { from: '0001-01-01', to: '0001-01-05', timeZone: 'Asia/Tokyo' } }, 'filter.from'));
    it('a to in year 10000', () =>
      expectBadInput('messages', { filter: { from: '9999-12-30', to: '9999-12-31T23:00:00-12:00' } }, 'filter.to'));
  });

  it('rejects an impossible date as a GraphQL variable error, not an internal one', async () => {
    const response = await page('messages', { filter: { from: '2026-02-30', to: TO } }, 'totalCount');
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
