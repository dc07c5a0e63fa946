import { Config } from './config';
import { Database } from './db/database';
import { withTenant } from './db/tenant-transaction';
import { createApiKey } from './auth/api-keys';
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

/** Seeds an empty database and prints an admin key for each demo account. */
export async function prepareDemo(db: Database, config: Config, logger: Logger): Promise<void> {
  if (!(await databaseIsEmpty(db))) return;
  logger.info('empty database: seeding demo data');
  const accounts = await seedDemoData(db.owner, { now: new Date(), conversationsPerAccount: DEMO_CONVERSATIONS_PER_ACCOUNT });
  for (const [index, account] of accounts.entries()) {
    const presetKey = index === 0 ? config.demoApiKey : undefined;
    const created = await withTenant(db.owner, account.id, (runner) =>
      createApiKey(runner, { accountId: account.id, role: 'admin', name: 'demo admin', key: presetKey }),
    );
    logger.info({ accountId: account.id, account: account.name, keyId: created.id }, 'demo API key created');
    process.stdout.write(`Demo API key for account ${account.id} (${account.name}): ${created.key}\n`);
  }
}
