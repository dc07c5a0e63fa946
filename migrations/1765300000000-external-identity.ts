import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table whose rows come from events carries the sender's identity of the row. */
const IDENTIFIED_TABLES = [
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
];

/**
 * Once ingestion is the only write path (the demo generator sends events too), every row has
 * `(source, external_id)`. Rows written directly before that (a database seeded by an older
 * version) get the source `legacy` and their internal id, so they keep a unique identity.
 */
export class ExternalIdentity1765300000000 implements MigrationInterface {
  name = 'ExternalIdentity1765300000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of IDENTIFIED_TABLES) {
      await q.query(`UPDATE ${table} SET source = 'legacy', external_id = id::text WHERE external_id IS NULL`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_external_identity_check`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN source SET NOT NULL, ALTER COLUMN external_id SET NOT NULL`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of IDENTIFIED_TABLES) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN source DROP NOT NULL, ALTER COLUMN external_id DROP NOT NULL`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_external_identity_check CHECK ((source IS NULL) = (external_id IS NULL))`,
      );
    }
  }
}
