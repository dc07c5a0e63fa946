import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A message's conversation was the last foreign key of `messages` checked row by row: the applier's insert of a round's
 * new messages queued one trigger per message that looked its conversation up and locked it (40,000 new messages:
 * 0.82–1.04 s of the insert; 0.01–0.04 s for this check, in the same runs). It is checked once per statement instead,
 * each conversation the rows it inserted or updated name once:
 * a conversation that is no row of the message's account fails the statement with the foreign-key code (23503). A
 * conversation's deletion removes its messages, as the cascade did; the account's deletion reaches its messages that
 * way. The function runs as its owner, bound to the conversation's account, since Row Level Security binds the owner
 * to the transaction's account and an account's deletion may run bound to none.
 *
 * What this gives up is the lock on the conversation while its messages are written, as migration 1770130000001 did for
 * the senders and the team: nothing deletes a conversation but its account's deletion, and one account's rows are
 * written by one applier round at a time.
 */
const CONSTRAINT = 'messages_account_id_conversation_id_fkey';

export class MessageConversationCheck1770140000001 implements MigrationInterface {
  name = 'MessageConversationCheck1770140000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION message_conversation_check() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE message_id bigint; missing bigint;
        BEGIN
          -- Each conversation once: a round's 40,000 new messages name some 800, and a lookup per message took 0.24–0.38 s.
          SELECT n.message_id, n.conversation_id INTO message_id, missing
            FROM (SELECT account_id, conversation_id, min(id) AS message_id FROM changed_rows GROUP BY account_id, conversation_id) n
           WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.account_id = n.account_id AND c.id = n.conversation_id)
           LIMIT 1;
          IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = 'messages',
              MESSAGE = format('message %s names conversation_id %s, which is no row of its account''s conversations', message_id, missing);
          END IF;
          RETURN NULL;
        END $$`);
    await q.query(`
      CREATE TRIGGER message_conversation_insert AFTER INSERT ON messages
        REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION message_conversation_check()`);
    await q.query(`
      CREATE TRIGGER message_conversation_update AFTER UPDATE ON messages
        REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION message_conversation_check()`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT ${CONSTRAINT}`);
    await q.query(`
      CREATE FUNCTION messages_of_deleted_conversation() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        DECLARE bound text := current_setting('app.account_id', true);
        BEGIN
          PERFORM set_config('app.account_id', OLD.account_id::text, true);
          DELETE FROM messages WHERE account_id = OLD.account_id AND conversation_id = OLD.id;
          PERFORM set_config('app.account_id', coalesce(bound, ''), true);
          RETURN NULL;
        END $$`);
    await q.query(`
      CREATE TRIGGER messages_of_deleted_conversation AFTER DELETE ON conversations
        FOR EACH ROW EXECUTE FUNCTION messages_of_deleted_conversation()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER messages_of_deleted_conversation ON conversations');
    await q.query('DROP FUNCTION messages_of_deleted_conversation()');
    await q.query(
      `ALTER TABLE messages ADD CONSTRAINT ${CONSTRAINT}
         FOREIGN KEY (account_id, conversation_id) REFERENCES conversations(account_id, id) ON DELETE CASCADE`,
    );
    for (const event of ['insert', 'update']) await q.query(`DROP TRIGGER message_conversation_${event} ON messages`);
    await q.query('DROP FUNCTION message_conversation_check()');
  }
}
