import { MigrationInterface, QueryRunner } from 'typeorm';
import { conversationFirstsRows, FIRSTS_COLUMNS } from '../src/catalog/sql/conversation-firsts';
import { enableTenantIsolation, RUNTIME_GROUP_ROLE } from './tenancy';

/**
 * The first times per conversation the teams and agent_metrics reports read instead of every
 * message and handover of the account (see src/catalog/sql/conversation-firsts.ts). The ingestion
 * applier recomputes the rows of the conversations each round touches, in the round's transaction;
 * this migration builds them for the rows already there.
 */
export class ConversationFirsts1770230000000 implements MigrationInterface {
  name = 'ConversationFirsts1770230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE conversation_firsts (
        account_id bigint NOT NULL,
        conversation_id bigint NOT NULL,
        ${FIRSTS_COLUMNS.map((column) => `${column} timestamptz`).join(',\n        ')},
        PRIMARY KEY (account_id, conversation_id),
        FOREIGN KEY (account_id, conversation_id) REFERENCES conversations(account_id, id) ON DELETE CASCADE
      )`);
    await enableTenantIsolation(q, 'conversation_firsts', 'account_id');
    await q.query(`GRANT SELECT ON conversation_firsts TO ${RUNTIME_GROUP_ROLE}`);
    // Every account's rows at once: forced Row Level Security would bind the owner to one account, so it is lifted for this transaction only.
    const tables = ['conversations', 'messages', 'conversation_events', 'conversation_firsts'];
    for (const table of tables) await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
    await q.query(`INSERT INTO conversation_firsts ${conversationFirstsRows({ conversations: 'true', messages: 'true', events: 'true' })}`);
    for (const table of tables) await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE conversation_firsts');
  }
}
