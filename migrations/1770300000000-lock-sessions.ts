import { MigrationInterface, QueryRunner } from 'typeorm';
import { LOCK_SESSION_COLUMNS, lockSessionRows } from '../src/catalog/sql/lock-sessions';
import { enableTenantIsolation, RUNTIME_GROUP_ROLE } from './tenancy';

/**
 * One row per lock an agent took, with its release and the first reply and resolution of that agent
 * while it was held, which the teams, agent_metrics and conversation reports read instead of joining
 * every lock with messages and events (see src/catalog/sql/lock-sessions.ts). The ingestion applier
 * recomputes the rows of the conversations each round touches, in the round's transaction; this
 * migration builds them for the rows already there.
 */
export class LockSessions1770300000000 implements MigrationInterface {
  name = 'LockSessions1770300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lock_sessions (
        account_id bigint NOT NULL,
        conversation_id bigint NOT NULL,
        lock_event_id bigint NOT NULL,
        agent_id bigint NOT NULL,
        ${LOCK_SESSION_COLUMNS.map((column) => `${column} timestamptz${column === 'locked_at' ? ' NOT NULL' : ''}`).join(',\n        ')},
        PRIMARY KEY (account_id, conversation_id, lock_event_id),
        FOREIGN KEY (account_id, conversation_id) REFERENCES conversations(account_id, id) ON DELETE CASCADE
      )`);
    // A report reads the locks taken in a range: from this index alone once the table is vacuumed.
    await q.query(`
      CREATE INDEX lock_sessions_account_id_locked_at_idx ON lock_sessions (account_id, locked_at)
        INCLUDE (conversation_id, agent_id, released_at, first_reply_at, first_resolution_at)`);
    await enableTenantIsolation(q, 'lock_sessions', 'account_id');
    await q.query(`GRANT SELECT ON lock_sessions TO ${RUNTIME_GROUP_ROLE}`);
    // Every account's rows at once: forced Row Level Security would bind the owner to one account, so it is lifted for this transaction only.
    const tables = ['messages', 'conversation_events', 'lock_sessions'];
    for (const table of tables) await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
    await q.query(`INSERT INTO lock_sessions ${lockSessionRows(() => 'true')}`);
    for (const table of tables) await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE lock_sessions');
  }
}
