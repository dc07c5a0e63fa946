import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_GROUP_ROLE } from './tenancy';

/**
 * Lets admins manage their account's keys through the API. The grants are column-level: the API
 * can write a new key's identity and hash and stamp `revoked_at`, nothing else (no backdated
 * `created_at`, no un-revoking, no rewriting a hash); the tenant policy's WITH CHECK keeps every
 * such row inside the bound account.
 */
export class KeyManagement1763900000000 implements MigrationInterface {
  name = 'KeyManagement1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`GRANT INSERT (account_id, name, role, read_only, key_hash, key_prefix) ON api_keys TO ${RUNTIME_GROUP_ROLE}`);
    await q.query(`GRANT UPDATE (revoked_at) ON api_keys TO ${RUNTIME_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE UPDATE (revoked_at) ON api_keys FROM ${RUNTIME_GROUP_ROLE}`);
    await q.query(`REVOKE INSERT (account_id, name, role, read_only, key_hash, key_prefix) ON api_keys FROM ${RUNTIME_GROUP_ROLE}`);
  }
}
