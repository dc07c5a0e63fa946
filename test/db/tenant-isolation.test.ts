import { QueryRunner } from 'typeorm';
import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { seedDemoData, SeededAccount } from '../../src/seed/demo-data';
import { TENANT_TABLES } from './tenant-tables';

/** `accounts` is checked on its own: an account sees its one row. */
const ACCOUNT_TABLES = TENANT_TABLES.filter((table) => table !== 'accounts');

/**
 * The SQL-level half of tenant isolation: statements that forget their WHERE clause, run as the
 * API's runtime role, still see only the bound account's rows.
 */
describe('Row Level Security as the runtime role', () => {
  let db: Database;
  let accounts: SeededAccount[];

  beforeAll(async () => {
    db = await openDatabase(loadConfig(process.env), () => undefined);
    accounts = await seedDemoData(db.owner, { now: new Date('2026-11-01T12:00:00Z'), conversationsPerAccount: 20 });
    for (const account of accounts) {
      // The demo has no exports, schedules or connectors: one of each per account, with an audit event and the webhook secret.
      await withTenant(db.owner, account.id, async (runner) => {
        const [{ id: keyId }] = await runner.query(
          `INSERT INTO api_keys (account_id, name, role, key_hash, key_prefix) VALUES ($1::bigint, 'k', 'analyst', md5($1::text), 'x') RETURNING id::text AS id`,
          [account.id],
        );
        const [{ id: scheduleId }] = await runner.query(
          `INSERT INTO export_schedules (account_id, name, created_by_key_id, report, time_window, time_zone, filter, columns, locale, delimiter, bom, gzip, cron)
           VALUES ($1::bigint, 's', $2, 'messages', 'PREVIOUS_DAY', 'UTC', '{}', '{messageId}', 'en', 'comma', false, false, '0 6 * * *') RETURNING id`,
          [account.id, keyId],
        );
        const [{ id: exportId }] = await runner.query(
          `INSERT INTO export_jobs (account_id, requested_by_key_id, report, filter, columns, locale, delimiter, bom, gzip, file_name, as_of, schedule_id)
           VALUES ($1::bigint, $2, 'messages', '{}', '{messageId}', 'en', 'comma', false, false, 'm.csv', now(), $3) RETURNING id`,
          [account.id, keyId, scheduleId],
        );
        await runner.query(`INSERT INTO export_deliveries (account_id, export_id, kind, max_attempts) VALUES ($1::bigint, $2, 'sftp', 3)`, [
          account.id,
          exportId,
        ]);
        await runner.query(
          `INSERT INTO audit_events (account_id, key_id, action, subject_key_id) VALUES ($1::bigint, $2, 'api_key_created', $2)`,
          [account.id, keyId],
        );
        const [{ id: connectorId }] = await runner.query(
          `INSERT INTO connectors (account_id, kind, name, platform_account_id, token_hash, token_prefix)
           VALUES ($1::bigint, 'chatwoot', 'c', 1, md5('connector' || $1::text), 'x') RETURNING id`,
          [account.id],
        );
        await runner.query(`INSERT INTO connector_deliveries (account_id, connector_id, outcome) VALUES ($1::bigint, $2, 'stored')`, [
          account.id,
          connectorId,
        ]);
        await runner.query(
          `INSERT INTO connector_refusals (account_id, connector_id, reason, count, first_at, last_at) VALUES ($1::bigint, $2, 'RATE_LIMIT', 1, now(), now())`,
          [account.id, connectorId],
        );
        await runner.query(`INSERT INTO account_secrets (account_id, webhook_secret) VALUES ($1::bigint, 's')`, [account.id]);
        await runner.query(
          `WITH stored AS (INSERT INTO ingest_events (account_id, source, event_id, type, occurred_at, subject, data)
                           VALUES ($1::bigint, 'api', 'e-1', 'team.upserted', now(), 't', '{}') RETURNING account_id, seq, received_at)
           INSERT INTO ingest_event_states (account_id, seq, received_at) SELECT * FROM stored`,
          [account.id],
        );
        await runner.query(
          `INSERT INTO ingest_rejections (account_id, source, code, path, message) VALUES ($1::bigint, 'api', 'INVALID_EVENT', '$', 'x')`,
          [account.id],
        );
      });
    }
  });

  afterAll(async () => {
    await db.close();
  });

  /** Bound to the account: forced Row Level Security hides every row from an owner that is not a superuser. */
  async function ownerCount(table: string, accountId: string, where = 'true'): Promise<number> {
    const [{ count }] = await withTenant(db.owner, accountId, (runner) =>
      runner.query(`SELECT count(*)::int AS count FROM ${table} WHERE account_id = $1::bigint AND ${where}`, [accountId]),
    );
    return count;
  }

  it.each(ACCOUNT_TABLES)('%s: an unfiltered SELECT returns exactly the bound account rows', async (table) => {
    const [first, second] = accounts;
    const expected = await ownerCount(table, first.id);
    expect(expected).toBeGreaterThan(0);
    expect(await ownerCount(table, second.id)).toBeGreaterThan(0);

    const seen = await withTenant(db.runtime, first.id, (runner) =>
      runner.query(`SELECT count(*)::int AS total, count(*) FILTER (WHERE account_id <> $1::bigint)::int AS foreign FROM ${table}`, [
        first.id,
      ]),
    );
    expect(seen[0]).toEqual({ total: expected, foreign: 0 });
  });

  it('shows nothing when no account is bound', async () => {
    const runner = db.runtime.createQueryRunner();
    try {
      for (const table of TENANT_TABLES) {
        const [{ count }] = await runner.query(`SELECT count(*)::int AS count FROM ${table}`);
        expect({ table, count }).toEqual({ table, count: 0 });
      }
    } finally {
      await runner.release();
    }
  });

  it('shows only the bound account in accounts', async () => {
    const rows = await withTenant(db.runtime, accounts[1].id, (runner) => runner.query('SELECT id::text AS id FROM accounts'));
    expect(rows).toEqual([{ id: accounts[1].id }]);
  });

  it('cannot write tenant data', async () => {
    await expect(
      withTenant(db.runtime, accounts[0].id, (runner) => runner.query(`UPDATE conversations SET status = 'resolved'`)),
    ).rejects.toThrow(/permission denied/);
  });

  it('may only append to the event log, and only for the bound account', async () => {
    const [first, second] = accounts;
    await expect(
      withTenant(db.runtime, first.id, (runner) => runner.query(`UPDATE ingest_events SET type = 'team.upserted'`)),
    ).rejects.toThrow(/permission denied/);
    await expect(withTenant(db.runtime, first.id, (runner) => runner.query(`DELETE FROM ingest_event_states`))).rejects.toThrow(
      /permission denied/,
    );
    await expect(withTenant(db.runtime, first.id, (runner) => runner.query(`DELETE FROM ingest_events`))).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      withTenant(db.runtime, first.id, (runner) =>
        runner.query(
          `INSERT INTO ingest_events (account_id, source, event_id, type, occurred_at, subject, data) VALUES ($1::bigint, 'api', 'e-x', 'team.upserted', now(), 't', '{}')`,
          [second.id],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  describe('API key writes (granted for key management)', () => {
    /** Runs `work` as the runtime role bound to `accountId`, then rolls back so other tests see no change. */
    async function asRuntime<T>(accountId: string, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
      const runner = db.runtime.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.query(`SELECT set_config('app.account_id', $1, true)`, [accountId]);
        return await work(runner);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }

    it('revokes only the bound account keys when an UPDATE forgets its WHERE', async () => {
      const [first, second] = accounts;
      const [, revoked] = await asRuntime(first.id, (runner) => runner.query('UPDATE api_keys SET revoked_at = now()'));
      expect(revoked).toBe(await ownerCount('api_keys', first.id));
      expect(revoked).toBeGreaterThan(0);
      expect(await ownerCount('api_keys', second.id, 'revoked_at IS NOT NULL')).toBe(0);
    });

    it('cannot insert a key into another account', async () => {
      const [first, second] = accounts;
      const insert = (accountId: string) =>
        asRuntime(first.id, (runner) =>
          runner.query(
            `INSERT INTO api_keys (account_id, name, role, key_hash, key_prefix) VALUES ($1::bigint, 'k', 'admin', md5(random()::text), 'x')`,
            [accountId],
          ),
        );
      await expect(insert(second.id)).rejects.toThrow(/row-level security/);
      await expect(insert(first.id)).resolves.toBeDefined();
    });

    it.each([
      ['rename a key', `UPDATE api_keys SET name = 'x'`],
      ['swap a key hash', `UPDATE api_keys SET key_hash = 'x'`],
      ['change a role', `UPDATE api_keys SET role = 'admin'`],
      [
        'backdate a key',
        `INSERT INTO api_keys (account_id, name, role, key_hash, key_prefix, created_at) VALUES (NULLIF(current_setting('app.account_id'), '')::bigint, 'k', 'admin', 'h', 'x', now() - interval '1 year')`,
      ],
      ['delete a key', 'DELETE FROM api_keys'],
    ])('cannot %s', async (_label, sql) => {
      await expect(asRuntime(accounts[0].id, (runner) => runner.query(sql))).rejects.toThrow(/permission denied/);
    });
  });

  it('reveals an API key row only to a transaction that presents its hash', async () => {
    const [second] = accounts.slice(1);
    const lookup = (hash: string) =>
      withTenant(db.runtime, accounts[0].id, async (runner) => {
        await runner.query(`SELECT set_config('app.api_key_hash', $1, true)`, [hash]);
        return runner.query(`SELECT account_id::text AS account_id FROM api_keys WHERE account_id = $1::bigint`, [second.id]);
      });
    expect(await lookup('no-such-hash')).toEqual([]);
    const [{ hash }] = await db.owner.query(`SELECT md5($1::text) AS hash`, [second.id]);
    expect(await lookup(hash)).toEqual([{ account_id: second.id }]);
  });
});
