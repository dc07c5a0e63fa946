import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tags and topics reports (and the tag and topic counts of teams and agent_metrics) read the
 * applications made within a range of `applied_at`, of every label. The existing indexes lead with
 * the label, so a range of all labels either scans one index range per label or the whole table.
 */
const INDEXES = [
  { name: 'message_tags_account_id_applied_at_idx', table: 'message_tags' },
  { name: 'conversation_topics_account_id_applied_at_idx', table: 'conversation_topics' },
] as const;

export class ReportRangeIndexes1770200000000 implements MigrationInterface {
  name = 'ReportRangeIndexes1770200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const { name, table } of INDEXES) await q.query(`CREATE INDEX ${name} ON ${table} (account_id, applied_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { name } of INDEXES) await q.query(`DROP INDEX ${name}`);
  }
}
