import { MigrationInterface, QueryRunner } from 'typeorm';
import { responseRows } from '../src/catalog/sql/response-cycles';
import { enableTenantIsolation, RUNTIME_GROUP_ROLE } from './tenancy';

/**
 * The human replies that are responses, which the responses count reads by time instead of
 * recomputing every reply's cycle (see src/catalog/sql/response-cycles.ts). Keyed by conversation,
 * as the applier recomputes the rows of the conversations each round touches, in the round's
 * transaction; this migration builds them for the rows already there.
 */
export class MessageResponses1770330000000 implements MigrationInterface {
  name = 'MessageResponses1770330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message_responses (
        account_id bigint NOT NULL,
        message_id bigint NOT NULL,
        conversation_id bigint NOT NULL,
        inbox_id bigint NOT NULL,
        created_at timestamptz NOT NULL,
        team_id bigint,
        sender_agent_id bigint,
        PRIMARY KEY (account_id, conversation_id, message_id),
        FOREIGN KEY (account_id, conversation_id) REFERENCES conversations(account_id, id) ON DELETE CASCADE
      )`);
    // A count reads a range of responses and filters them on these columns: from this index alone once the table is vacuumed.
    await q.query(`
      CREATE INDEX message_responses_account_id_created_at_idx ON message_responses (account_id, created_at)
        INCLUDE (inbox_id, team_id, sender_agent_id)`);
    await enableTenantIsolation(q, 'message_responses', 'account_id');
    await q.query(`GRANT SELECT ON message_responses TO ${RUNTIME_GROUP_ROLE}`);
    // Every account's rows at once: forced Row Level Security would bind the owner to one account, so it is lifted for this transaction only.
    const tables = ['conversations', 'messages', 'conversation_events', 'message_responses'];
    for (const table of tables) await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
    await q.query(`INSERT INTO message_responses ${responseRows({ messages: 'true', events: 'true' })}`);
    for (const table of tables) await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE message_responses');
  }
}
