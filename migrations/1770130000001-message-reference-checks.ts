import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A message's sender and team were foreign keys, checked row by row: each inserted message queued three triggers that
 * each looked the row up and locked it, a third of the applier's message insert (20,000 messages: 2.0–2.6 s with them,
 * 1.3–1.6 s without). They are checked once per statement instead, over the statement's rows: a reference to no
 * row of the message's own account fails the statement with the foreign-key violation code (23503), as before. The
 * other direction, deleting an agent, contact or team that messages name, is refused at commit, so that an account's
 * deletion, which removes its messages in the same transaction, still passes. The conversation stays a foreign key: its
 * cascade removes an account's messages.
 *
 * What this gives up is the lock: a concurrent transaction could delete a referenced row while a message naming it
 * commits. Nothing deletes agents, contacts or teams but an account's deletion (an erasure keeps the contact's row), and
 * one account's rows are written by one applier round at a time.
 */
const REFERENCES = [
  { column: 'sender_agent_id', table: 'agents', constraint: 'messages_account_id_sender_agent_id_fkey' },
  { column: 'sender_contact_id', table: 'contacts', constraint: 'messages_account_id_sender_contact_id_fkey' },
  { column: 'team_id', table: 'teams', constraint: 'messages_account_id_team_id_fkey' },
] as const;

const violation = (detail: string) => `RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', MESSAGE = ${detail}, TABLE = 'messages'`;

export class MessageReferenceChecks1770130000001 implements MigrationInterface {
  name = 'MessageReferenceChecks1770130000001';

  async up(q: QueryRunner): Promise<void> {
    const checks = REFERENCES.map(
      ({ column, table }) => `
          SELECT n.id, n.${column} INTO message_id, missing FROM changed_rows n
           WHERE n.${column} IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.account_id = n.account_id AND t.id = n.${column})
           LIMIT 1;
          IF FOUND THEN
            ${violation(`format('message %s names ${column} %s, which is no row of its account''s ${table}', message_id, missing)`)};
          END IF;`,
    );
    await q.query(`
      CREATE FUNCTION message_references_check() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE message_id bigint; missing bigint;
        BEGIN
          ${checks.join('\n')}
          RETURN NULL;
        END $$`);
    for (const event of ['INSERT', 'UPDATE']) {
      await q.query(`
        CREATE TRIGGER message_references_${event.toLowerCase()} AFTER ${event} ON messages
          REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION message_references_check()`);
    }
    for (const { column, table, constraint } of REFERENCES) {
      await q.query(`ALTER TABLE messages DROP CONSTRAINT ${constraint}`);
      await q.query(`
        CREATE FUNCTION message_references_${table}_kept() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM messages m WHERE m.account_id = OLD.account_id AND m.${column} = OLD.id) THEN
            ${violation(`format('${table} row %s is still named by messages (${column})', OLD.id)`)};
          END IF;
          RETURN NULL;
        END $$`);
      await q.query(`
        CREATE CONSTRAINT TRIGGER message_references_${table}_kept AFTER DELETE ON ${table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION message_references_${table}_kept()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { column, table, constraint } of REFERENCES) {
      await q.query(`DROP TRIGGER message_references_${table}_kept ON ${table}`);
      await q.query(`DROP FUNCTION message_references_${table}_kept()`);
      await q.query(
        `ALTER TABLE messages ADD CONSTRAINT ${constraint} FOREIGN KEY (account_id, ${column}) REFERENCES ${table}(account_id, id)`,
      );
    }
    for (const event of ['insert', 'update']) await q.query(`DROP TRIGGER message_references_${event} ON messages`);
    await q.query('DROP FUNCTION message_references_check()');
  }
}
