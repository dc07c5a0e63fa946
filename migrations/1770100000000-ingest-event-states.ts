import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_GROUP_ROLE, enableTenantIsolation } from './tenancy';

/**
 * The applied state moves out of the log row. Marking an event applied updated its log row (with
 * its jsonb data) and all five of the log's indexes, and since the state sat in a partial index's
 * condition no update was HOT: about a third of a round went into rewriting the log. Now the log
 * row is written once, and `ingest_event_states` holds a narrow row for each event that is not
 * applied (pending, waiting or rejected): applying an event deletes its row. Lag figures come from
 * `ingest_apply_rounds`, one row per applier round, kept for the hour the status looks back over.
 */
export class IngestEventStates1770100000000 implements MigrationInterface {
  name = 'IngestEventStates1770100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingest_event_states (
        account_id bigint NOT NULL,
        seq bigint NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'waiting', 'rejected')),
        waiting_for text,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, seq),
        FOREIGN KEY (account_id, seq) REFERENCES ingest_events(account_id, seq) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ingest_event_states_open ON ingest_event_states (account_id, state, seq)`);
    await q.query(`
      CREATE TABLE ingest_apply_rounds (
        account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        applied integer NOT NULL,
        lag_seconds_sum double precision NOT NULL,
        lag_seconds_max double precision NOT NULL
      )`);
    await q.query(`CREATE INDEX ingest_apply_rounds_at ON ingest_apply_rounds (account_id, at)`);
    for (const table of ['ingest_event_states', 'ingest_apply_rounds']) await enableTenantIsolation(q, table, 'account_id');
    // The API appends events with their pending state and reads the figures; only the applier (the owner) changes states.
    await q.query(`GRANT SELECT, INSERT ON ingest_event_states TO ${RUNTIME_GROUP_ROLE}`);
    await q.query(`GRANT SELECT ON ingest_apply_rounds TO ${RUNTIME_GROUP_ROLE}`);

    await q.query(
      `INSERT INTO ingest_event_states (account_id, seq, state, waiting_for, received_at)
       SELECT account_id, seq, state, waiting_for, received_at FROM ingest_events WHERE state <> 'applied'`,
    );
    await q.query(
      `INSERT INTO ingest_apply_rounds (account_id, at, applied, lag_seconds_sum, lag_seconds_max)
       SELECT account_id, applied_at, count(*), sum(extract(epoch FROM applied_at - received_at)), max(extract(epoch FROM applied_at - received_at))
         FROM ingest_events WHERE applied_at > now() - interval '1 hour' GROUP BY account_id, applied_at`,
    );
    await q.query(`DROP INDEX ingest_events_unapplied`);
    await q.query(`ALTER TABLE ingest_events DROP COLUMN state, DROP COLUMN waiting_for, DROP COLUMN applied_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE ingest_events ADD COLUMN state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'waiting', 'applied', 'rejected')),
                                 ADD COLUMN waiting_for text, ADD COLUMN applied_at timestamptz`,
    );
    await q.query(`UPDATE ingest_events SET state = 'applied', applied_at = received_at`);
    await q.query(
      `UPDATE ingest_events l SET state = s.state, waiting_for = s.waiting_for, applied_at = NULL
         FROM ingest_event_states s WHERE s.account_id = l.account_id AND s.seq = l.seq`,
    );
    await q.query(`CREATE INDEX ingest_events_unapplied ON ingest_events (account_id, seq) WHERE state IN ('pending', 'waiting')`);
    await q.query('DROP TABLE ingest_apply_rounds');
    await q.query('DROP TABLE ingest_event_states');
  }
}
