import { withTenant } from '../../src/db/tenant-transaction';
import { createApiKey } from '../../src/auth/api-keys';
import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';
import { codes } from './support';

const LIST = '{ apiKeys(includeRevoked: true) { id name role readOnly prefix createdAt lastUsedAt revokedAt } }';
const CREATE = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { id name role readOnly prefix revokedAt } }
}`;
const REVOKE = 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';

interface KeyRow {
  id: string;
  name: string;
  role: string;
  readOnly: boolean;
  prefix: string;
  revokedAt: string | null;
}

/** Key management through GraphQL: admins only, inside their own account, secrets shown once. */
describe('API key management', () => {
  let app: TestApp;
  let admin: TestAccount;
  let other: TestAccount;
  let analystKey: string;
  let readOnlyAdminKey: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await createAccount(app.db, { name: 'Keys Co' });
    other = await createAccount(app.db, { name: 'Other Keys Co' });
    const make = (role: 'admin' | 'analyst', readOnly: boolean) =>
      withTenant(app.db.owner, admin.id, (runner) =>
        createApiKey(runner, { accountId: admin.id, role, name: `${role} ${readOnly}`, readOnly }),
      );
    analystKey = (await make('analyst', false)).key;
    readOnlyAdminKey = (await make('admin', true)).key;
  });

  afterAll(async () => {
    await app.close();
  });

  it('lets an admin create a key whose secret works once and is never listed or stored', async () => {
    const created = await app.graphql<{ createApiKey: { secret: string; apiKey: KeyRow } }>(CREATE, {
      key: admin.key,
      variables: { input: { role: 'ANALYST', name: '  BI tool  ', readOnly: true } },
    });
    expect(created.errors).toBeUndefined();
    const { secret, apiKey } = created.data!.createApiKey;
    expect(secret).toMatch(/^crk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toEqual({
      id: expect.any(String),
      name: 'BI tool',
      role: 'ANALYST',
      readOnly: true,
      prefix: secret.slice(0, 8),
      revokedAt: null,
    });

    const asNewKey = await app.graphql<{ account: { id: string } }>('{ account { id } }', { key: secret });
    expect(asNewKey.data?.account.id).toBe(admin.id);

    const listed = await app.graphql<{ apiKeys: KeyRow[] }>(LIST, { key: admin.key });
    expect(listed.data?.apiKeys.map((k) => k.id)).toContain(apiKey.id);
    const [{ key_hash: hash }] = await app.db.owner.query('SELECT key_hash FROM api_keys WHERE account_id = $1 AND id = $2', [
      admin.id,
      apiKey.id,
    ]);
    const text = JSON.stringify(listed);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(hash);
  });

  it('revokes a key at once, idempotently, and only within the account', async () => {
    const created = await app.graphql<{ createApiKey: { secret: string; apiKey: KeyRow } }>(CREATE, {
      key: admin.key,
      variables: { input: { role: 'ADMIN', name: 'short-lived' } },
    });
    const { secret, apiKey } = created.data!.createApiKey;
    expect(apiKey.readOnly).toBe(false);

    const revoked = await app.graphql<{ revokeApiKey: { id: string; revokedAt: string } }>(REVOKE, {
      key: admin.key,
      variables: { id: apiKey.id },
    });
    expect(revoked.data?.revokeApiKey.revokedAt).toEqual(expect.any(String));
    expect((await app.graphql('{ account { id } }', { key: secret })).status).toBe(401);

    const again = await app.graphql<{ revokeApiKey: { revokedAt: string } }>(REVOKE, { key: admin.key, variables: { id: apiKey.id } });
    expect(again.data?.revokeApiKey.revokedAt).toBe(revoked.data?.revokeApiKey.revokedAt);

    const [{ id: foreignKeyId }] = await app.db.owner.query('SELECT id::text AS id FROM api_keys WHERE account_id = $1', [other.id]);
    const foreign = await app.graphql(REVOKE, { key: admin.key, variables: { id: foreignKeyId } });
    expect(codes(foreign)).toEqual(['NOT_FOUND']);
    expect((await app.graphql('{ account { id } }', { key: other.key })).status).toBe(200);

    const active = await app.graphql<{ apiKeys: KeyRow[] }>('{ apiKeys { id } }', { key: admin.key });
    expect(active.data?.apiKeys.map((k) => k.id)).not.toContain(apiKey.id);
  });

  it('records each creation and revocation in the audit trail, with the acting key and the key concerned', async () => {
    const audited = await createAccount(app.db, { name: 'Audited Keys Co' });
    const [{ id: adminKeyId }] = await app.db.owner.query(`SELECT id::text AS id FROM api_keys WHERE account_id = $1`, [audited.id]);
    const created = await app.graphql<{ createApiKey: { apiKey: KeyRow } }>(CREATE, {
      key: audited.key,
      variables: { input: { role: 'ANALYST', name: 'audited' } },
    });
    const subject = created.data!.createApiKey.apiKey.id;
    // The second revocation changes nothing, so it records nothing.
    await app.graphql(REVOKE, { key: audited.key, variables: { id: subject } });
    await app.graphql(REVOKE, { key: audited.key, variables: { id: subject } });

    const trail = await app.graphql<{ auditEvents: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } }>(
      '{ auditEvents(first: 10) { totalCount edges { node { action keyId keyName subjectKeyId subjectKeyName exportId clientIp } } } }',
      { key: audited.key },
    );
    expect(trail.errors).toBeUndefined();
    expect(trail.data?.auditEvents.totalCount).toBe(2);
    const by = {
      keyId: adminKeyId,
      keyName: 'test',
      subjectKeyId: subject,
      subjectKeyName: 'audited',
      exportId: null,
      clientIp: '127.0.0.1',
    };
    expect(trail.data?.auditEvents.edges.map((e) => e.node)).toEqual([
      { action: 'API_KEY_REVOKED', ...by },
      { action: 'API_KEY_CREATED', ...by },
    ]);
    // Refused attempts leave no trace.
    await app.graphql(REVOKE, { key: analystKey, variables: { id: subject } });
    const [{ count }] = await app.db.owner.query(`SELECT count(*)::int AS count FROM audit_events WHERE account_id = $1`, [audited.id]);
    expect(count).toBe(2);
  });

  it('lists only the account’s own keys', async () => {
    const listed = await app.graphql<{ apiKeys: KeyRow[] }>(LIST, { key: other.key });
    const own: Array<{ id: string }> = await app.db.owner.query(
      'SELECT id::text AS id FROM api_keys WHERE account_id = $1 ORDER BY created_at, id',
      [other.id],
    );
    expect(listed.data?.apiKeys.map((k) => k.id)).toEqual(own.map((k) => k.id));
  });

  it('refuses analysts everything with FORBIDDEN', async () => {
    const responses = await Promise.all([
      app.graphql(LIST, { key: analystKey }),
      app.graphql(CREATE, { key: analystKey, variables: { input: { role: 'ADMIN', name: 'escalate' } } }),
      app.graphql(REVOKE, { key: analystKey, variables: { id: '1' } }),
    ]);
    expect(responses.map(codes)).toEqual([['FORBIDDEN'], ['FORBIDDEN'], ['FORBIDDEN']]);
    const [{ count }] = await app.db.owner.query(
      `SELECT count(*)::int AS count FROM api_keys WHERE account_id = $1 AND name = 'escalate'`,
      [admin.id],
    );
    expect(count).toBe(0);
  });

  it('lets a read-only admin list keys but not create or revoke them', async () => {
    expect((await app.graphql(LIST, { key: readOnlyAdminKey })).errors).toBeUndefined();
    const create = await app.graphql(CREATE, { key: readOnlyAdminKey, variables: { input: { role: 'ANALYST', name: 'nope' } } });
    expect(codes(create)).toEqual(['FORBIDDEN']);
    const revoke = await app.graphql(REVOKE, { key: readOnlyAdminKey, variables: { id: '1' } });
    expect(codes(revoke)).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['an empty name', { role: 'ANALYST', name: '   ' }, 'BAD_USER_INPUT'],
    ['a name over 100 characters', { role: 'ANALYST', name: 'x'.repeat(101) }, 'BAD_USER_INPUT'],
    ['an unknown role', { role: 'OWNER', name: 'x' }, 'BAD_USER_INPUT'],
  ])('refuses %s with BAD_USER_INPUT', async (_label, input, code) => {
    expect(codes(await app.graphql(CREATE, { key: admin.key, variables: { input } }))).toEqual([code]);
  });
});
