import { withTenant } from '../../src/db/tenant-transaction';
import { createApiKey } from '../../src/auth/api-keys';
import { seedDemoData, SeededAccount } from '../../src/seed/demo-data';
import { startTestApp, TestApp } from '../support/app';

/** Each list with the arguments that make it list every row (private notes are opt-in). */
const LISTS: Array<[field: string, table: string, args: string]> = [
  ['inboxes', 'inboxes', 'first: 1'],
  ['conversations', 'conversations', 'first: 1'],
  ['messages', 'messages', 'first: 1, filter: { includePrivate: true }'],
  ['agents', 'agents', 'first: 1'],
  ['teams', 'teams', 'first: 1'],
  ['topics', 'topics', 'first: 1'],
  ['tags', 'tags', 'first: 1'],
  ['contacts', 'contacts', 'first: 1'],
  ['dispatches', 'dispatches', 'first: 1'],
  ['agentPresences', 'agent_presences', 'first: 1'],
];

const LOOKUPS: Array<[field: string, table: string]> = [
  ['inbox', 'inboxes'],
  ['conversation', 'conversations'],
  ['message', 'messages'],
  ['agent', 'agents'],
  ['team', 'teams'],
  ['topic', 'topics'],
  ['tag', 'tags'],
  ['contact', 'contacts'],
];

/** The API-level half of tenant isolation: two accounts' keys never see each other's rows. */
describe('tenant isolation through the API', () => {
  let app: TestApp;
  let accounts: SeededAccount[];
  const keys: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    accounts = await seedDemoData(app.db.owner, { now: new Date('2026-10-15T12:00:00Z'), conversationsPerAccount: 15 });
    for (const account of accounts) {
      const created = await withTenant(app.db.owner, account.id, (runner) =>
        createApiKey(runner, { accountId: account.id, role: 'analyst', name: 'isolation' }),
      );
      keys.push(created.key);
    }
  });

  afterAll(async () => {
    await app.close();
  });

  /** Bound to the account: forced Row Level Security hides every row from an owner that is not a superuser. */
  async function ownerIds(table: string, accountId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await withTenant(app.db.owner, accountId, (runner) =>
      runner.query(`SELECT id::text AS id FROM ${table} WHERE account_id = $1 ORDER BY id`, [accountId]),
    );
    return rows.map((r) => r.id);
  }

  it.each(LISTS)('%s: each key counts exactly its own account rows', async (field, table, args) => {
    for (const [index, account] of accounts.entries()) {
      const expected = (await ownerIds(table, account.id)).length;
      expect(expected).toBeGreaterThan(0);
      const response = await app.graphql<Record<string, { totalCount: number }>>(`{ ${field}(${args}) { totalCount } }`, {
        key: keys[index],
      });
      expect(response.errors).toBeUndefined();
      expect(response.data?.[field].totalCount).toBe(expected);
    }
  });

  it.each(LOOKUPS)('%s(id): the other account ids are NOT_FOUND, own ids resolve', async (field, table) => {
    const [own] = await ownerIds(table, accounts[0].id);
    const [foreign] = await ownerIds(table, accounts[1].id);
    const ownResponse = await app.graphql<Record<string, { id: string }>>(`query($id: ID!) { ${field}(id: $id) { id } }`, {
      key: keys[0],
      variables: { id: own },
    });
    expect(ownResponse.data?.[field]).toEqual({ id: own });
    const foreignResponse = await app.graphql(`query($id: ID!) { ${field}(id: $id) { id } }`, { key: keys[0], variables: { id: foreign } });
    expect(foreignResponse.data?.[field as never] ?? null).toBeNull();
    expect(foreignResponse.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('account returns the key own account only', async () => {
    for (const [index, account] of accounts.entries()) {
      const response = await app.graphql<{ account: { id: string; name: string } }>('{ account { id name } }', { key: keys[index] });
      expect(response.data?.account).toEqual({ id: account.id, name: account.name });
    }
  });
});
