import { MigrationInterface, QueryRunner } from 'typeorm';
import { BUCKET_MEASURES, bucketRows } from '../src/catalog/sql/message-buckets';
import { enableTenantIsolation, RUNTIME_GROUP_ROLE } from './tenancy';

/**
 * The rollup the chat reports that aggregate a range of messages read instead of every message of
 * the range (see src/catalog/sql/message-buckets.ts): one row per conversation and 15-minute UTC
 * bucket holding a message or the conversation's creation. The ingestion applier recomputes the rows
 * of the conversations each round touches, in the round's transaction; this migration builds them
 * for the rows already there.
 */
export class MessageBuckets1770210000000 implements MigrationInterface {
  name = 'MessageBuckets1770210000000';

  async up(q: QueryRunner): Promise<void> {
    const measures = BUCKET_MEASURES.map((m) => `${m.name} ${m.combine === 'sum' ? 'integer NOT NULL' : 'timestamptz'}`);
    await q.query(`
      CREATE TABLE message_buckets (
        account_id bigint NOT NULL,
        conversation_id bigint NOT NULL,
        bucket timestamptz NOT NULL,
        inbox_id bigint NOT NULL,
        contact_id bigint NOT NULL,
        ${measures.join(',\n        ')},
        PRIMARY KEY (account_id, conversation_id, bucket),
        FOREIGN KEY (account_id, conversation_id) REFERENCES conversations(account_id, id) ON DELETE CASCADE
      )`);
    // A report reads a range of buckets of every conversation: from this index alone once the table is vacuumed.
    await q.query(`
      CREATE INDEX message_buckets_account_id_bucket_idx ON message_buckets (account_id, bucket)
        INCLUDE (conversation_id, inbox_id, contact_id, ${BUCKET_MEASURES.map((m) => m.name).join(', ')})`);
    await enableTenantIsolation(q, 'message_buckets', 'account_id');
    await q.query(`GRANT SELECT ON message_buckets TO ${RUNTIME_GROUP_ROLE}`);
    // Every account's rows at once: forced Row Level Security would bind the owner to one account, so it is lifted for this transaction only.
    const tables = ['conversations', 'messages', 'message_buckets'];
    for (const table of tables) await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
    await q.query(`INSERT INTO message_buckets ${bucketRows({ conversations: 'true', messages: 'true' })}`);
    for (const table of tables) await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE message_buckets');
  }
}
