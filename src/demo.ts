import { Config } from './config';
import { Database } from './db/database';
import { withTenant } from './db/tenant-transaction';
import { createApiKey, hashApiKey } from './auth/api-keys';
import { Logger } from './logger';
import { seedDemoData } from './seed/demo-data';

export const DEMO_CONVERSATIONS_PER_ACCOUNT = 400;

/**
 * Row Level Security hides every account from an owner that is not a superuser, so emptiness is
 * read from the accounts sequence instead: it has never been drawn on a database with no account.
 */
export async function databaseIsEmpty(db: Database): Promise<boolean> {
  const [row] = await db.owner.query(
    `SELECT last_value FROM pg_sequences WHERE schemaname = 'public' AND sequencename = 'accounts_id_seq'`,
  );
  return row.last_value === null;
}

/** Whether any key, active or revoked, has this value; the lookup policy shows exactly the row whose hash is presented. */
async function keyExists(db: Database, key: string): Promise<boolean> {
  return db.owner.transaction(async (manager) => {
    const hash = hashApiKey(key);
    await manager.query(`SELECT set_config('app.api_key_hash', $1, true)`, [hash]);
    const rows = await manager.query('SELECT 1 FROM api_keys WHERE key_hash = $1', [hash]);
    return rows.length > 0;
  });
}

/**
 * Seeds an empty database and prints an admin key for each demo account. Returns the first
 * account's key when this process knows it (just created, or DEMO_API_KEY), for the landing page.
 */
export async function prepareDemo(db: Database, config: Config, logger: Logger): Promise<string | undefined> {
  if (!(await databaseIsEmpty(db))) {
    if (config.demoApiKey === undefined) return undefined;
    if (await keyExists(db, config.demoApiKey)) return config.demoApiKey;
    // The key is given its value only when the demo is seeded, into an empty database.
    logger.warn(
      'DEMO_API_KEY is set, but no API key has that value: it only applies when the demo is seeded into an empty database, ' +
        'and this one already has data. Use the key printed at the first start, create one with ' +
        '"npm run cli -- keys create --account ID --role admin", or start on an empty DATA_DIR.',
    );
    return undefined;
  }
  logger.info('empty database: seeding demo data');
  const accounts = await seedDemoData(db.owner, { now: new Date(), conversationsPerAccount: DEMO_CONVERSATIONS_PER_ACCOUNT });
  let firstKey: string | undefined;
  for (const [index, account] of accounts.entries()) {
    const presetKey = index === 0 ? config.demoApiKey : undefined;
    const created = await withTenant(db.owner, account.id, (runner) =>
      createApiKey(runner, { accountId: account.id, role: 'admin', name: 'demo admin', key: presetKey }),
    );
    firstKey ??= created.key;
    logger.info({ accountId: account.id, account: account.name, keyId: created.id }, 'demo API key created');
    process.stdout.write(`Demo API key for account ${account.id} (${account.name}): ${created.key}\n`);
  }
  return firstKey;
}
