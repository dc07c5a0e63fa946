import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every action the earlier migrations allow, the ingestion's batch receipts included, so that this
 * migration keeps them whichever branch's migrations ran first.
 */
const ACTIONS = `'export_requested', 'export_succeeded', 'export_failed', 'export_cancelled', 'export_downloaded', 'api_key_created', 'api_key_revoked', 'ingest_batch_received'`;

/** Puts reads through the pull endpoint in the audit trail: rows leave the service as they do by a download. */
export class ReportPullAudit1764250000000 implements MigrationInterface {
  name = 'ReportPullAudit1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check');
    await q.query(`ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN (${ACTIONS}, 'report_pulled'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM audit_events WHERE action = 'report_pulled'`);
    await q.query('ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check');
    await q.query(`ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN (${ACTIONS}))`);
  }
}
