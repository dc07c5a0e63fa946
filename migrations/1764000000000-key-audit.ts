import { MigrationInterface, QueryRunner } from 'typeorm';

const EXPORT_ACTIONS = `'export_requested', 'export_succeeded', 'export_failed', 'export_cancelled', 'export_downloaded'`;

/**
 * Puts API key creation and revocation in the audit trail: who can read the data changes as much
 * as what was exported. `subject_key_id` is the key created or revoked; like every reference
 * between tenant rows it carries the account, so an event can only name a key of its own account.
 */
export class KeyAudit1764000000000 implements MigrationInterface {
  name = 'KeyAudit1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check');
    await q.query(
      `ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN (${EXPORT_ACTIONS}, 'api_key_created', 'api_key_revoked'))`,
    );
    await q.query('ALTER TABLE audit_events ADD COLUMN subject_key_id bigint');
    await q.query(
      'ALTER TABLE audit_events ADD CONSTRAINT audit_events_subject_key_fkey FOREIGN KEY (account_id, subject_key_id) REFERENCES api_keys(account_id, id)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM audit_events WHERE action IN ('api_key_created', 'api_key_revoked')`);
    await q.query('ALTER TABLE audit_events DROP COLUMN subject_key_id');
    await q.query('ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check');
    await q.query(`ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN (${EXPORT_ACTIONS}))`);
  }
}
