import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An event's state row keys to its account instead of its log row. The state row is written in
 * the same statement as its log row and the log is append-only (rows leave it only with their
 * account), so the key to the log guarded nothing the account's key does not; but checking it
 * locked each freshly stored log row once more, about a quarter of the accept path's insert
 * (11 µs an event, against 6 µs for the account's key).
 */
export class IngestStateAccountKey1770110000000 implements MigrationInterface {
  name = 'IngestStateAccountKey1770110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ingest_event_states DROP CONSTRAINT ingest_event_states_account_id_seq_fkey`);
    await q.query(
      `ALTER TABLE ingest_event_states ADD CONSTRAINT ingest_event_states_account_id_fkey
         FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ingest_event_states DROP CONSTRAINT ingest_event_states_account_id_fkey`);
    await q.query(
      `ALTER TABLE ingest_event_states ADD CONSTRAINT ingest_event_states_account_id_seq_fkey
         FOREIGN KEY (account_id, seq) REFERENCES ingest_events(account_id, seq) ON DELETE CASCADE`,
    );
  }
}
