import type { QueryRunner } from 'typeorm';

/**
 * The demo generator does not write the domain tables: it builds the same rows in temporary
 * copies of them (`staged_<table>`, gone when the seeding transaction ends), and `events.ts` turns
 * those rows into ingestion events. Each copy draws its ids from a sequence of its own, so the
 * generator's ids only order the rows; the applier gives the real ones, in that order.
 */
const TABLES_WITH_IDS = [
  'inboxes',
  'contacts',
  'contact_attributes',
  'agents',
  'teams',
  'topics',
  'tags',
  'conversations',
  'conversation_events',
  'conversation_topics',
  'messages',
  'message_tags',
  'agent_presences',
  'dispatches',
];
const TABLES_WITHOUT_IDS = ['team_members', 'inbox_members'];

export const staged = (table: string): string => `staged_${table}`;

export async function createStagingTables(runner: QueryRunner): Promise<void> {
  for (const table of [...TABLES_WITH_IDS, ...TABLES_WITHOUT_IDS]) {
    await runner.query(`CREATE TEMP TABLE ${staged(table)} (LIKE ${table} INCLUDING DEFAULTS) ON COMMIT DROP`);
    // The external identity is the events' to give.
    await runner.query(`ALTER TABLE ${staged(table)} DROP COLUMN IF EXISTS source, DROP COLUMN IF EXISTS external_id`);
  }
  for (const table of TABLES_WITH_IDS) {
    // Owned by the column, the sequence goes with the table at the end of the transaction.
    await runner.query(`CREATE TEMP SEQUENCE ${staged(table)}_id OWNED BY ${staged(table)}.id`);
    await runner.query(`ALTER TABLE ${staged(table)} ALTER COLUMN id SET DEFAULT nextval('${staged(table)}_id')`);
  }
  // An edit leaves no trace in the message row but its time; the edit event needs it.
  await runner.query(`ALTER TABLE ${staged('messages')} ADD COLUMN edited_at timestamptz`);
}
