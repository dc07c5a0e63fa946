import { QueryRunner } from 'typeorm';

/**
 * Group role that the API's login role is a member of. It owns nothing and holds only the
 * privileges the migrations grant it, so Row Level Security always applies to it.
 */
export const RUNTIME_GROUP_ROLE = 'reporting_runtime';

/** The account the transaction is bound to (`app.account_id`), null when none is. */
export const CURRENT_ACCOUNT = "NULLIF(current_setting('app.account_id', true), '')::bigint";

/**
 * FORCE makes the policy bind the table owner too, so a migration or seed that forgets to set
 * the tenant cannot write across accounts either (superusers still bypass, as Postgres decides).
 */
export async function enableTenantIsolation(q: QueryRunner, table: string, tenantColumn: string): Promise<void> {
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await q.query(`
    CREATE POLICY tenant_isolation ON ${table}
      USING (${tenantColumn} = ${CURRENT_ACCOUNT})
      WITH CHECK (${tenantColumn} = ${CURRENT_ACCOUNT})`);
}

/**
 * Authentication has to find a key before it knows the account. This policy lets a transaction
 * read exactly the key row whose hash it presents in `app.api_key_hash`, and nothing else, so
 * no privileged function is needed and the table stays under forced Row Level Security.
 */
export async function allowKeyLookupByHash(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE POLICY key_lookup ON api_keys FOR SELECT
      USING (key_hash = NULLIF(current_setting('app.api_key_hash', true), ''))`);
}
