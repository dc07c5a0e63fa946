import { MigrationInterface, QueryRunner } from 'typeorm';
import { FIRSTS_COLUMNS } from '../src/catalog/sql/conversation-firsts';
import { humanReplyRows } from '../src/catalog/sql/human-replies';
import { enableTenantIsolation, RUNTIME_GROUP_ROLE } from './tenancy';

/**
 * The human replies, which the teams and agent-metrics reports and the responses count read by time
 * instead of every message of the range and each reply's conversation and cycle (see
 * src/catalog/sql/human-replies.ts). Keyed by conversation, as the applier recomputes the rows of the
 * conversations each round touches, in the round's transaction; this migration builds them for the
 * rows already there.
 */
export class HumanReplies1770330000000 implements MigrationInterface {
  name = 'HumanReplies1770330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE human_replies (
        account_id bigint NOT NULL,
        message_id bigint NOT NULL,
        conversation_id bigint NOT NULL,
        inbox_id bigint NOT NULL,
        contact_id bigint NOT NULL,
        created_at timestamptz NOT NULL,
        team_id bigint,
        sender_agent_id bigint,
        response boolean NOT NULL,
        ${FIRSTS_COLUMNS.map((column) => `${column} timestamptz`).join(',\n        ')},
        PRIMARY KEY (account_id, conversation_id, message_id),
        FOREIGN KEY (account_id, conversation_id) REFERENCES conversations(account_id, id) ON DELETE CASCADE
      )`);
    // A report reads a range of replies and filters and groups them on these columns: from this index alone once the table is vacuumed.
    await q.query(`
      CREATE INDEX human_replies_account_id_created_at_idx ON human_replies (account_id, created_at)
        INCLUDE (conversation_id, inbox_id, contact_id, team_id, sender_agent_id, response, ${FIRSTS_COLUMNS.join(', ')})`);
    await enableTenantIsolation(q, 'human_replies', 'account_id');
    await q.query(`GRANT SELECT ON human_replies TO ${RUNTIME_GROUP_ROLE}`);
    // Every account's rows at once: forced Row Level Security would bind the owner to one account, so it is lifted for this transaction only.
    const tables = ['conversations', 'messages', 'conversation_events', 'conversation_firsts', 'human_replies'];
    for (const table of tables) await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
    await q.query(`INSERT INTO human_replies ${humanReplyRows({ messages: 'true', events: 'true' })}`);
    for (const table of tables) await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE human_replies');
  }
}
