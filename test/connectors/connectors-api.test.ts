import { createAccount, TestAccount } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/app';

const CONNECTOR = 'id kind name chatwootAccountId tokenPrefix signed createdAt tokenRotatedAt';

describe('connector management', () => {
  let app: TestApp;
  let admin: TestAccount;
  let other: TestAccount;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await createAccount(app.db);
    other = await createAccount(app.db);
  });

  afterAll(async () => {
    await app.close();
  });

  const create = (key: string, input: Record<string, unknown>) =>
    app.graphql<{ createConnector: { connector: Record<string, any>; webhookUrl: string } }>(
      `mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { ${CONNECTOR} } webhookUrl } }`,
      { key, variables: { input } },
    );

  const audit = async (key: string) =>
    (
      await app.graphql<{ auditEvents: { nodes: Array<{ action: string; connectorId: string | null; keyId: string | null }> } }>(
        `{ auditEvents(first: 50) { nodes { action connectorId keyId } } }`,
        { key },
      )
    ).data!.auditEvents.nodes;

  it('creates, lists, rotates and deletes a connector, each in the audit trail', async () => {
    const created = await create(admin.key, { kind: 'CHATWOOT', name: '  Casa Verde  ', chatwootAccountId: 3, signingSecret: 'whsec' });
    expect(created.errors).toBeUndefined();
    const { connector, webhookUrl } = created.data!.createConnector;
    expect(connector).toMatchObject({ kind: 'CHATWOOT', name: 'Casa Verde', chatwootAccountId: '3', signed: true, tokenRotatedAt: null });
    // 4 characters of prefix and 43 of base64url (32 random bytes).
    expect(webhookUrl).toMatch(/^\/ingest\/chatwoot\/cwt_[A-Za-z0-9_-]{43}$/);
    expect(webhookUrl.split('/')[3].slice(0, 8)).toBe(connector.tokenPrefix);
    const [{ token_hash }] = await app.db.owner.query(`SELECT token_hash FROM connectors WHERE id = $1`, [connector.id]);
    expect(token_hash).not.toContain(webhookUrl.split('/')[3]);

    const listed = await app.graphql<{ connectors: Array<Record<string, any>> }>(`{ connectors { ${CONNECTOR} } }`, { key: admin.key });
    expect(listed.data!.connectors).toEqual([connector]);
    // Row Level Security: the other account sees none of it, and cannot touch it.
    expect((await app.graphql<{ connectors: unknown[] }>(`{ connectors { id } }`, { key: other.key })).data!.connectors).toEqual([]);
    const foreign = await app.graphql(`mutation($id: ID!) { rotateConnectorToken(id: $id) { webhookUrl } }`, {
      key: other.key,
      variables: { id: connector.id },
    });
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const rotated = await app.graphql<{ rotateConnectorToken: { connector: Record<string, any>; webhookUrl: string } }>(
      `mutation($id: ID!) { rotateConnectorToken(id: $id) { connector { ${CONNECTOR} } webhookUrl } }`,
      { key: admin.key, variables: { id: connector.id } },
    );
    expect(rotated.data!.rotateConnectorToken.webhookUrl).not.toBe(webhookUrl);
    expect(rotated.data!.rotateConnectorToken.connector.tokenRotatedAt).not.toBeNull();

    const deleted = await app.graphql<{ deleteConnector: { id: string } }>(`mutation($id: ID!) { deleteConnector(id: $id) { id } }`, {
      key: admin.key,
      variables: { id: connector.id },
    });
    expect(deleted.data!.deleteConnector.id).toBe(connector.id);
    expect((await app.graphql<{ connectors: unknown[] }>(`{ connectors { id } }`, { key: admin.key })).data!.connectors).toEqual([]);
    const again = await app.graphql(`mutation($id: ID!) { deleteConnector(id: $id) { id } }`, {
      key: admin.key,
      variables: { id: connector.id },
    });
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const trail = (await audit(admin.key)).filter((event) => event.connectorId === connector.id);
    expect(trail.map((event) => event.action)).toEqual(['CONNECTOR_DELETED', 'CONNECTOR_TOKEN_ROTATED', 'CONNECTOR_CREATED']);
    expect(new Set(trail.map((event) => event.keyId)).size).toBe(1);
  });

  it.each([
    [{ kind: 'CHATWOOT', name: '', chatwootAccountId: 3 }, 'input.name'],
    [{ kind: 'CHATWOOT', name: 'x'.repeat(101), chatwootAccountId: 3 }, 'input.name'],
    [{ kind: 'CHATWOOT', name: 'Casa', chatwootAccountId: 0 }, 'input.chatwootAccountId'],
    [{ kind: 'CHATWOOT', name: 'Casa', chatwootAccountId: 3, signingSecret: 's'.repeat(501) }, 'input.signingSecret'],
  ])('refuses %j with BAD_USER_INPUT on its field', async (input, field) => {
    const response = await create(admin.key, input);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('is for admin keys that may change things only', async () => {
    const analyst = await createAccount(app.db, { role: 'analyst' });
    const readOnly = await createAccount(app.db, { readOnly: true });
    for (const key of [analyst.key, readOnly.key]) {
      const response = await create(key, { kind: 'CHATWOOT', name: 'Casa', chatwootAccountId: 3 });
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await app.graphql(`{ connectors { id } }`, { key: analyst.key })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.graphql<{ connectors: unknown[] }>(`{ connectors { id } }`, { key: readOnly.key })).data!.connectors).toEqual([]);
  });
});
