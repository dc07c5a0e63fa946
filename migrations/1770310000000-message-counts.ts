import { MigrationInterface, QueryRunner } from 'typeorm';
import { messageCountRows } from '../src/catalog/sql/message-counts';
import { enableTenantIsolation, RUNTIME_GROUP_ROLE } from './tenancy';

/**
 * The rollup the `messages` and `chat_conversations` counts read instead of every message of their
 * range (see src/catalog/sql/message-counts.ts): one row per 15-minute UTC bucket, inbox, sending
 * agent and team with messages other than activity. The ingestion applier recomputes the buckets
 * each round's conversations had or have, in the round's transaction; this migration builds the rows
 * for the messages already there.
 */
export class MessageCounts1770310000000 implements MigrationInterface {
  name = 'MessageCounts1770310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message_counts (
        account_id bigint NOT NULL,
        bucket timestamptz NOT NULL,
        inbox_id bigint NOT NULL,
        sender_agent_id bigint,
        team_id bigint,
        messages integer NOT NULL,
        undeleted integer NOT NULL
      )`);
    // The key; no agent (contact and system messages) and no team are one value each (PostgreSQL 14 has no NULLS NOT DISTINCT).
    await q.query(`
      CREATE UNIQUE INDEX message_counts_key_idx
        ON message_counts (account_id, bucket, inbox_id, coalesce(sender_agent_id, 0), coalesce(team_id, 0))`);
    // A count reads a range of buckets from this index alone once the table is vacuumed.
    await q.query(`
      CREATE INDEX message_counts_account_id_bucket_idx ON message_counts (account_id, bucket)
        INCLUDE (inbox_id, sender_agent_id, team_id, messages, undeleted)`);
    await enableTenantIsolation(q, 'message_counts', 'account_id');
    await q.query(`GRANT SELECT ON message_counts TO ${RUNTIME_GROUP_ROLE}`);
    // Every account's rows at once: forced Row Level Security would bind the owner to one account, so it is lifted for this transaction only.
    const tables = ['conversations', 'messages', 'message_counts'];
    for (const table of tables) await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
    await q.query(`INSERT INTO message_counts ${messageCountRows('true')}`);
    for (const table of tables) await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE message_counts');
  }
}
