import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_GROUP_ROLE, enableTenantIsolation } from './tenancy';

/**
 * `ingestionStatus.received` without counting the log: each stored batch appends one row with the number of events
 * it stored, in its own transaction, and the applier folds an account's rows into one in its rounds. Appending (not
 * incrementing one row) keeps concurrent senders of an account from queueing on a row lock until they commit; a fold
 * only deletes the rows its snapshot sees, so a batch committing meanwhile keeps its row and the sum stays exact.
 */
export class IngestReceivedCounts1770120000000 implements MigrationInterface {
  name = 'IngestReceivedCounts1770120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingest_received_counts (
        account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        id bigint GENERATED ALWAYS AS IDENTITY,
        received bigint NOT NULL,
        PRIMARY KEY (account_id, id)
      )`);
    // The events already stored, every account's at once: forced Row Level Security would bind the owner to one
    // account, so it is lifted for this transaction only.
    await q.query(`ALTER TABLE ingest_events NO FORCE ROW LEVEL SECURITY`);
    await q.query(
      `INSERT INTO ingest_received_counts (account_id, received) SELECT account_id, count(*) FROM ingest_events GROUP BY account_id`,
    );
    await q.query(`ALTER TABLE ingest_events FORCE ROW LEVEL SECURITY`);
    await enableTenantIsolation(q, 'ingest_received_counts', 'account_id');
    await q.query(`GRANT SELECT, INSERT ON ingest_received_counts TO ${RUNTIME_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE ingest_received_counts');
  }
}
