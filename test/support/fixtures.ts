import { Database } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { createApiKey, KeyRole } from '../../src/auth/api-keys';

export interface TestAccount {
  id: string;
  /** An admin key of the account. */
  key: string;
}

type Row = Record<string, unknown>;

/** Tables whose rows carry the sender's identity (NOT NULL since ingestion is the one write path). */
const IDENTIFIED_TABLES = new Set([
  'inboxes',
  'contacts',
  'agents',
  'teams',
  'topics',
  'tags',
  'conversations',
  'messages',
  'dispatches',
  'conversation_events',
  'conversation_topics',
  'message_tags',
  'agent_presences',
]);
let rowsWritten = 0;

/** A fresh account with an API key; every test file makes its own so files never share rows. */
export async function createAccount(
  db: Database,
  options: { name?: string; timeZone?: string; locale?: 'en' | 'pt-BR'; role?: KeyRole; readOnly?: boolean } = {},
): Promise<TestAccount> {
  const [{ id }] = await db.owner.query(`SELECT nextval(pg_get_serial_sequence('accounts', 'id'))::text AS id`);
  return withTenant(db.owner, id, async (runner) => {
    await runner.query('INSERT INTO accounts (id, name, locale, time_zone) VALUES ($1, $2, $3, $4)', [
      id,
      options.name ?? `Test account ${id}`,
      options.locale ?? 'en',
      options.timeZone ?? 'UTC',
    ]);
    const key = await createApiKey(runner, { accountId: id, role: options.role ?? 'admin', name: 'test', readOnly: options.readOnly });
    return { id, key: key.key };
  });
}

/**
 * Inserts rows into one table of the account (account_id is filled in, and source `test` with a
 * fresh external id where the table has them and the row names none) and returns their ids in order.
 */
export async function insertRows(db: Database, accountId: string, table: string, given: Row[]): Promise<string[]> {
  if (given.length === 0) return [];
  const rows: Row[] = IDENTIFIED_TABLES.has(table)
    ? given.map((row) => ({ source: 'test', external_id: `${table}-${++rowsWritten}`, ...row }))
    : given;
  const columns = ['account_id', ...Object.keys(rows[0])];
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = columns.map((column) => {
      values.push(column === 'account_id' ? accountId : row[column]);
      return `$${values.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  const returning = table.endsWith('_members') ? '' : ' RETURNING id::text AS id';
  return withTenant(db.owner, accountId, async (runner) => {
    const result: Array<{ id: string }> = await runner.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}${returning}`,
      values,
    );
    return returning ? result.map((r) => r.id) : [];
  });
}
