import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation, RUNTIME_GROUP_ROLE } from './tenancy';

/**
 * The row-level reports page in id order over a time range (messages by creation, conversations
 * by first resolution, dispatches by request). Walking the primary key from the account's first
 * id makes a page's cost grow with the history before the range. These floors (the lowest id per
 * UTC hour of each such time) give every page a lower bound to start from: the least floor over
 * the hours the range touches is at most the lowest id inside it, so starting there loses no row.
 * Statement triggers keep them in the writer's transaction, whoever writes (applier, seed, import),
 * so a report never sees a row without its floor. A floor only ever goes down: a row that later
 * leaves its hour (deleted, or its time moved) leaves a floor that is lower than needed, still a
 * bound.
 */
const SOURCES = [
  { source: 'messages', table: 'messages', column: 'created_at' },
  { source: 'conversations_resolved', table: 'conversations', column: 'first_resolved_at' },
  { source: 'dispatches', table: 'dispatches', column: 'requested_at' },
] as const;

export class ReportIdFloors1764303000000 implements MigrationInterface {
  name = 'ReportIdFloors1764303000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_id_floors (
        account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        source text NOT NULL,
        hour timestamp NOT NULL,
        min_id bigint NOT NULL,
        PRIMARY KEY (account_id, source, hour)
      )`);
    await enableTenantIsolation(q, 'report_id_floors', 'account_id');
    await q.query(`GRANT SELECT ON report_id_floors TO ${RUNTIME_GROUP_ROLE}`);
    for (const { source, table, column } of SOURCES) {
      const lowered = (rows: string) => `
        INSERT INTO report_id_floors (account_id, source, hour, min_id)
        SELECT account_id, '${source}', date_trunc('hour', ${column} AT TIME ZONE 'UTC'), min(id)
          FROM ${rows}
         WHERE ${column} IS NOT NULL
         GROUP BY account_id, date_trunc('hour', ${column} AT TIME ZONE 'UTC')
        ON CONFLICT (account_id, source, hour) DO UPDATE SET min_id = EXCLUDED.min_id
         WHERE EXCLUDED.min_id < report_id_floors.min_id`;
      await q.query(`
        CREATE FUNCTION report_id_floors_${source}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${lowered('changed_rows')};
          RETURN NULL;
        END $$`);
      for (const event of ['INSERT', 'UPDATE']) {
        await q.query(`
          CREATE TRIGGER report_id_floors_${source}_${event.toLowerCase()} AFTER ${event} ON ${table}
            REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_id_floors_${source}()`);
      }
      // The rows already there, every account's at once: forced Row Level Security would bind the
      // owner to one account, so it is lifted for this transaction only.
      await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE report_id_floors NO FORCE ROW LEVEL SECURITY`);
      await q.query(lowered(table));
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE report_id_floors FORCE ROW LEVEL SECURITY`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { source, table } of SOURCES) {
      for (const event of ['insert', 'update']) await q.query(`DROP TRIGGER report_id_floors_${source}_${event} ON ${table}`);
      await q.query(`DROP FUNCTION report_id_floors_${source}()`);
    }
    await q.query('DROP TABLE report_id_floors');
  }
}
