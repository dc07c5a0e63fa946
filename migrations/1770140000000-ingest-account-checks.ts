import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The log and its events' state rows named their account by foreign key, checked row by row: every stored event queued
 * two triggers that each looked the account up and locked it, a third of the accept path's insert (5,000 events: about
 * 120 ms of 360). Both are checked once per statement instead, and keep what the keys gave:
 * - a row of no account fails the statement with the foreign-key violation code (23503);
 * - the accounts of the statement's rows are locked as a key's check locks them (FOR KEY SHARE), so an account's
 *   deletion waits for a batch being stored, and a batch stored after the deletion fails;
 * - an account's deletion removes its log and state rows (and through the log its rejections), as the cascade did.
 * The functions run as their owner: a key's check locks the account with the owner's rights too, and Row Level Security
 * binds the owner to the transaction's account, so the deletion reaches the deleted account's rows under its id.
 */
const TABLES = ['ingest_events', 'ingest_event_states'] as const;

export class IngestAccountChecks1770140000000 implements MigrationInterface {
  name = 'IngestAccountChecks1770140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ingest_rows_account_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        DECLARE missing bigint;
        BEGIN
          PERFORM 1 FROM accounts a WHERE a.id IN (SELECT n.account_id FROM new_rows n) FOR KEY SHARE OF a;
          SELECT n.account_id INTO missing FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = n.account_id) LIMIT 1;
          IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME,
              MESSAGE = format('%s names account %s, which does not exist', TG_TABLE_NAME, missing);
          END IF;
          RETURN NULL;
        END $$`);
    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_account_id_fkey`);
      await q.query(`
        CREATE TRIGGER ${table}_account_check AFTER INSERT ON ${table}
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ingest_rows_account_check()`);
    }
    await q.query(`
      CREATE FUNCTION ingest_rows_of_deleted_account() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        DECLARE bound text := current_setting('app.account_id', true);
        BEGIN
          PERFORM set_config('app.account_id', OLD.id::text, true);
          DELETE FROM ingest_event_states WHERE account_id = OLD.id;
          DELETE FROM ingest_events WHERE account_id = OLD.id;
          PERFORM set_config('app.account_id', coalesce(bound, ''), true);
          RETURN NULL;
        END $$`);
    await q.query(`
      CREATE TRIGGER ingest_rows_of_deleted_account AFTER DELETE ON accounts
        FOR EACH ROW EXECUTE FUNCTION ingest_rows_of_deleted_account()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER ingest_rows_of_deleted_account ON accounts');
    await q.query('DROP FUNCTION ingest_rows_of_deleted_account()');
    for (const table of TABLES) {
      await q.query(`DROP TRIGGER ${table}_account_check ON ${table}`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE`,
      );
    }
    await q.query('DROP FUNCTION ingest_rows_account_check()');
  }
}
