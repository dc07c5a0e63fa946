import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { ownerDataSource } from '../../src/db/data-sources';
import { openText } from '../../src/db/secret-box';
import { startTestApp, TestApp } from '../support/app';
import { createAccount } from '../support/fixtures';
import { deliver, ownerQuery, referencePayloads } from './chatwoot/support';

const MIGRATION = 'ConnectorSealedSecrets1770400000000';
const SECRET = 'cw-hmac-5f2c9a71e04b';

const keys = () => loadConfig(process.env).schedules;

describe('connector signing secrets at rest', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('are stored sealed to their connector, never returned, and still verify signed deliveries', async () => {
    const account = await createAccount(app.db);
    const created = await app.graphql<{ createConnector: { connector: { id: string; signed: boolean }; webhookUrl: string } }>(
      `mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id signed } webhookUrl } }`,
      { key: account.key, variables: { input: { kind: 'CHATWOOT', name: 'Casa Verde', chatwootAccountId: 3, signingSecret: SECRET } } },
    );
    const listed = await app.graphql(`{ connectors { id name tokenPrefix signed deliveries { event outcome count } } }`, {
      key: account.key,
    });
    expect(JSON.stringify([created, listed])).not.toContain(SECRET);
    const { id } = created.data!.createConnector.connector;
    expect(created.data!.createConnector.connector.signed).toBe(true);

    const [row] = await ownerQuery(app.db, account.id, `SELECT * FROM connectors WHERE account_id = $1`, [account.id]);
    expect(row).not.toHaveProperty('signing_secret');
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(openText(keys(), `connector:${account.id}:${id}`, row.signing_secret_sealed)).toBe(SECRET);
    // Bound to the connector: the same ciphertext does not open as another connector's.
    expect(() => openText(keys(), `connector:${account.id}:${Number(id) + 1}`, row.signing_secret_sealed)).toThrow();

    const [first] = referencePayloads();
    const path = created.data!.createConnector.webhookUrl;
    expect((await deliver(app, path, first.body, { secret: SECRET })).status).toBe(200);
    expect((await deliver(app, path, first.body, { secret: 'another secret' })).body.errors[0].extensions.code).toBe('BAD_SIGNATURE');
  });
});

describe(`migration ${MIGRATION}`, () => {
  let source: DataSource;

  beforeAll(async () => {
    const admin = ownerDataSource(process.env.DATABASE_URL as string);
    await admin.initialize();
    await admin.query('DROP DATABASE IF EXISTS connector_secrets_check');
    await admin.query('CREATE DATABASE connector_secrets_check');
    await admin.destroy();
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = '/connector_secrets_check';
    source = ownerDataSource(url.toString());
    await source.initialize();
  });

  afterAll(async () => {
    await source.destroy();
  });

  const applied = async () => (await source.query(`SELECT 1 FROM schema_migrations WHERE name = $1`, [MIGRATION])).length === 1;

  it('seals the plaintext secrets of existing connectors and drops them, and going down gives them back', async () => {
    await source.runMigrations();
    while (await applied()) await source.undoLastMigration();
    const runner = source.createQueryRunner();
    let account: string;
    let connector: string;
    try {
      // The owner is bound to an account like the service (the table's policy binds a non-superuser owner too).
      [{ id: account }] = await runner.query(`SELECT nextval(pg_get_serial_sequence('accounts', 'id'))::text AS id`);
      await runner.query(`SELECT set_config('app.account_id', $1, false)`, [account]);
      await runner.query(`INSERT INTO accounts (id, name) VALUES ($1, 'Legacy')`, [account]);
      [{ id: connector }] = await runner.query(
        `INSERT INTO connectors (account_id, kind, name, platform_account_id, token_hash, token_prefix, signing_secret)
         VALUES ($1, 'chatwoot', 'legacy', 3, 'hash-1', 'cwt_abcd', $2), ($1, 'chatwoot', 'unsigned', 4, 'hash-2', 'cwt_efgh', NULL)
         RETURNING id::text AS id`,
        [account, SECRET],
      );
    } finally {
      await runner.release();
    }

    await source.runMigrations();
    const rows = await source.query(`SELECT * FROM connectors WHERE account_id = $1 ORDER BY id`, [account]);
    expect(rows.map((r: Record<string, unknown>) => Object.keys(r).includes('signing_secret'))).toEqual([false, false]);
    expect(rows[0].signing_secret_sealed).toMatch(/^v1:/);
    expect(rows[0].signing_secret_sealed).not.toContain(SECRET);
    expect(openText(keys(), `connector:${account}:${connector}`, rows[0].signing_secret_sealed)).toBe(SECRET);
    expect(rows[1].signing_secret_sealed).toBeNull();

    while (await applied()) await source.undoLastMigration();
    const back = await source.query(`SELECT signing_secret FROM connectors WHERE account_id = $1 ORDER BY id`, [account]);
    expect(back).toEqual([{ signing_secret: SECRET }, { signing_secret: null }]);
  });
});
