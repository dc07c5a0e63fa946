import crypto from 'node:crypto';
import { QueryRunner } from 'typeorm';

/** `ingest` keys only send events (POST /ingest/v1/events): they can neither query nor export. */
export type KeyRole = 'admin' | 'analyst' | 'ingest';

export interface AuthenticatedKey {
  id: string;
  accountId: string;
  role: KeyRole;
  readOnly: boolean;
}

export interface CreatedKey extends AuthenticatedKey {
  /** The secret itself: shown once, only its hash is stored. */
  key: string;
}

const KEY_PREFIX = 'crk_';

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): string {
  return KEY_PREFIX + crypto.randomBytes(32).toString('base64url');
}

/**
 * Finds the key inside the request's transaction, then binds that transaction to the key's
 * account. The lookup policy shows a transaction only the row whose hash it presents.
 */
export async function authenticateApiKey(runner: QueryRunner, key: string): Promise<AuthenticatedKey | null> {
  const hash = hashApiKey(key);
  await runner.query(`SELECT set_config('app.api_key_hash', $1, true)`, [hash]);
  const rows: Array<{ id: string; account_id: string; role: KeyRole; read_only: boolean; stale: boolean }> = await runner.query(
    `SELECT id, account_id, role, read_only,
            (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
       FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
    [hash],
  );
  await runner.query(`SELECT set_config('app.api_key_hash', '', true)`);
  if (rows.length !== 1) return null;
  const [row] = rows;
  await runner.query(`SELECT set_config('app.account_id', $1, true)`, [row.account_id]);
  // Touched at most once a minute so that busy keys do not turn every read into a row update.
  if (row.stale) await runner.query('UPDATE api_keys SET last_used_at = now() WHERE account_id = $1 AND id = $2', [row.account_id, row.id]);
  return { id: String(row.id), accountId: String(row.account_id), role: row.role, readOnly: row.read_only };
}

/** Something that runs SQL: a query runner or the entity manager of one. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/** Runs inside a transaction already bound to `accountId`: as the owner (CLI, tests) or as the runtime role (API). */
export async function createApiKey(
  runner: Queryable,
  input: { accountId: string; role: KeyRole; name: string; readOnly?: boolean; key?: string },
): Promise<CreatedKey> {
  const key = input.key ?? generateApiKey();
  const [row] = await runner.query(
    `INSERT INTO api_keys (account_id, name, role, read_only, key_hash, key_prefix)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [input.accountId, input.name, input.role, input.readOnly ?? false, hashApiKey(key), key.slice(0, 8)],
  );
  return { id: String(row.id), accountId: input.accountId, role: input.role, readOnly: input.readOnly ?? false, key };
}

/** Returns false when the key does not exist in the bound account or is already revoked. */
export async function revokeApiKey(runner: QueryRunner, keyId: string): Promise<boolean> {
  const [, count]: [unknown, number] = await runner.query(
    `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
    [keyId],
  );
  return count > 0;
}
