import { withTenant } from '../../src/db/tenant-transaction';
import { revokeApiKey, createApiKey } from '../../src/auth/api-keys';
import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';

const ACCOUNT_QUERY = '{ account { id name } }';

describe('API key authentication', () => {
  let app: TestApp;
  let account: TestAccount;

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db, { name: 'Auth Co' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('serves the key account with a valid key', async () => {
    const response = await app.graphql<{ account: { id: string; name: string } }>(ACCOUNT_QUERY, { key: account.key });
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ account: { id: account.id, name: 'Auth Co' } });
  });

  it.each([
    ['no Authorization header', {}],
    ['an unknown key', { authorization: 'Bearer crk_not-a-real-key' }],
    ['a malformed header', { authorization: 'Basic abc' }],
  ])('answers 401 UNAUTHENTICATED with no data for %s', async (_label, headers) => {
    const response = await app.graphql(ACCOUNT_QUERY, { headers });
    expect(response.status).toBe(401);
    expect(response.data).toBeUndefined();
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('stops accepting a key once it is revoked', async () => {
    const created = await withTenant(app.db.owner, account.id, (runner) =>
      createApiKey(runner, { accountId: account.id, role: 'analyst', name: 'short-lived' }),
    );
    expect((await app.graphql(ACCOUNT_QUERY, { key: created.key })).status).toBe(200);
    expect(await withTenant(app.db.owner, account.id, (runner) => revokeApiKey(runner, created.id))).toBe(true);
    const response = await app.graphql(ACCOUNT_QUERY, { key: created.key });
    expect(response.status).toBe(401);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('stores only a hash of the key', async () => {
    const rows = await withTenant(app.db.owner, account.id, (runner) =>
      runner.query('SELECT key_hash, key_prefix FROM api_keys WHERE account_id = $1', [account.id]),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.key_hash).not.toContain(account.key);
    }
  });
});
