import crypto from 'node:crypto';
import { QueryRunner } from 'typeorm';
import { Sql } from '../db/sql';
import { beginWith } from '../db/tenant-transaction';

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

export interface Authentication {
  key: AuthenticatedKey;
  /** Its `last_used_at` is over a minute old (or unset): the caller records the use outside the request (KeyUsageRecorder). */
  lastUseStale: boolean;
  /** The transaction's `now()`: what a report's `asOf` is, read here so that no statement of its own reads it. */
  transactionStart: Date;
}

/**
 * Finds the key, then binds the transaction to the key's account (and applies `settings` to it),
 * in one statement: every round trip counts when the database is busy. The lookup policy shows a
 * transaction only the row whose hash it presents; the LATERAL reference to the set hash makes
 * PostgreSQL set it before it reads `api_keys`, and the select list clears it again once the row
 * is found. It only reads: a write here would lock the key's row for the rest of the request, and
 * a revocation would wait behind it.
 */
function authenticationStatement(hash: string, settings: Record<string, string>, literal: (value: string) => string): string {
  const applied = Object.entries(settings).map(([name, value]) => `, set_config(${literal(name)}, ${literal(value)}, true)`);
  return `SELECT k.id, k.account_id, k.role, k.read_only,
            (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute') AS stale,
            now() AS started,
            set_config('app.account_id', k.account_id::text, true) AS bound,
            set_config('app.api_key_hash', '', true) AS cleared
       FROM (SELECT set_config('app.api_key_hash', ${literal(hash)}, true) AS hash${applied.join('')}) AS presented
       CROSS JOIN LATERAL (SELECT * FROM api_keys WHERE key_hash = presented.hash AND revoked_at IS NULL) AS k`;
}

type KeyRow = { id: string; account_id: string; role: KeyRole; read_only: boolean; stale: boolean; started: Date };

function authenticationOf(rows: KeyRow[]): Authentication | null {
  if (rows.length !== 1) return null;
  const [row] = rows;
  return {
    key: { id: String(row.id), accountId: String(row.account_id), role: row.role, readOnly: row.read_only },
    lastUseStale: row.stale,
    transactionStart: row.started,
  };
}

/** Authenticates inside the runner's open transaction (see authenticationStatement). */
export async function authenticateApiKey(
  runner: QueryRunner,
  key: string,
  settings: Record<string, string> = {},
): Promise<Authentication | null> {
  const values: string[] = [];
  const text = authenticationStatement(hashApiKey(key), settings, (value) => `$${values.push(value)}`);
  return authenticationOf(await runner.query(text, values));
}

/**
 * Opens the request's transaction and authenticates in it, in one round trip (`BEGIN` and the
 * authentication statement in one message): a request then costs that and its COMMIT beyond its
 * own data statements.
 */
export async function beginAuthenticated(
  runner: QueryRunner,
  key: string,
  settings: Record<string, string> = {},
): Promise<Authentication | null> {
  return authenticationOf(await beginWith<KeyRow>(runner, (literal) => authenticationStatement(hashApiKey(key), settings, literal)));
}

/** Runs inside a transaction already bound to `accountId`: as the owner (CLI, tests) or as the runtime role (API). */
export async function createApiKey(
  runner: Sql,
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

/** The LISTEN/NOTIFY channel on which a revoking transaction announces the revoked key's hash. */
export const REVOCATION_CHANNEL = 'api_key_revoked';

/** Tells every process (at commit) that the key is revoked; see RevocationListener. */
export async function announceRevocation(runner: Sql, keyId: string): Promise<void> {
  await runner.query(`SELECT pg_notify($1, key_hash) FROM api_keys WHERE id = $2`, [REVOCATION_CHANNEL, keyId]);
}

/** Returns false when the key does not exist in the bound account or is already revoked. */
export async function revokeApiKey(runner: QueryRunner, keyId: string): Promise<boolean> {
  const [, count]: [unknown, number] = await runner.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [
    keyId,
  ]);
  if (count > 0) await announceRevocation(runner, keyId);
  return count > 0;
}
