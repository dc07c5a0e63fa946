import crypto from 'node:crypto';
import { Sql } from '../db/sql';
import { CURRENT_ACCOUNT } from '../../migrations/tenancy';

/** The account's key for signing export notifications, made on first need; the caller's transaction is bound to the account. */
export async function ensureWebhookSecret(sql: Sql): Promise<string> {
  await sql.query(
    `INSERT INTO account_secrets (account_id, webhook_secret)
     VALUES (${CURRENT_ACCOUNT}, $1)
     ON CONFLICT (account_id) DO NOTHING`,
    [crypto.randomBytes(32).toString('base64url')],
  );
  return (await findWebhookSecret(sql)) as string;
}

/** Names the bound account as well as relying on RLS, so a caller that bypasses RLS (a superuser owner) still reads its own. */
export async function findWebhookSecret(sql: Sql): Promise<string | null> {
  const [row] = await sql.query(`SELECT webhook_secret FROM account_secrets WHERE account_id = ${CURRENT_ACCOUNT}`);
  return row?.webhook_secret ?? null;
}

/** The `X-Signature` header value: `sha256=` and the hex HMAC-SHA256 of the exact body bytes. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}
