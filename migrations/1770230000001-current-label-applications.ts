import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tags and topics reports ask, per application of their range, whether the same label is still
 * on the same message or conversation (see stillApplied in src/catalog/sql/applied-labels.ts): a
 * probe of the current applications by target and label, which these partial indexes answer
 * without reading the removed ones.
 */
const INDEXES = [
  { name: 'message_tags_current_idx', table: 'message_tags', columns: 'account_id, message_id, tag_id' },
  { name: 'conversation_topics_current_idx', table: 'conversation_topics', columns: 'account_id, conversation_id, topic_id' },
] as const;

export class CurrentLabelApplications1770230000001 implements MigrationInterface {
  name = 'CurrentLabelApplications1770230000001';

  async up(q: QueryRunner): Promise<void> {
    for (const { name, table, columns } of INDEXES)
      await q.query(`CREATE INDEX ${name} ON ${table} (${columns}) INCLUDE (id) WHERE removed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { name } of INDEXES) await q.query(`DROP INDEX ${name}`);
  }
}
