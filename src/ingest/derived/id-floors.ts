import { QueryRunner } from 'typeorm';
import { CURRENT_ACCOUNT } from '../../../migrations/tenancy';

/**
 * The times whose lowest id per UTC hour `report_id_floors` keeps for the row-level report pages.
 * Triggers of migration 1764303000000 lower them in every writer's transaction; this is the same
 * computation from the tables, for a rebuild.
 */
const SOURCES = [
  { source: 'messages', table: 'messages', column: 'created_at' },
  { source: 'conversations_resolved', table: 'conversations', column: 'first_resolved_at' },
  { source: 'dispatches', table: 'dispatches', column: 'requested_at' },
] as const;

/**
 * Recomputes the bound account's floors from its rows. Triggers only ever lower a floor, so after
 * deletions or moved times a rebuild tightens them again; the pages read the same rows either way.
 * Returns the number of floors written. The account is named, not only left to Row Level Security,
 * so that a superuser owner (which bypasses it) rebuilds one account too.
 */
export async function rebuildIdFloors(runner: QueryRunner): Promise<number> {
  await runner.query(`DELETE FROM report_id_floors WHERE account_id = ${CURRENT_ACCOUNT}`);
  let written = 0;
  for (const { source, table, column } of SOURCES) {
    const [{ count }] = await runner.query(
      `WITH written AS (
         INSERT INTO report_id_floors (account_id, source, hour, min_id)
         SELECT account_id, $1, date_trunc('hour', ${column} AT TIME ZONE 'UTC'), min(id)
           FROM ${table}
          WHERE account_id = ${CURRENT_ACCOUNT} AND ${column} IS NOT NULL
          GROUP BY account_id, date_trunc('hour', ${column} AT TIME ZONE 'UTC')
         RETURNING 1)
       SELECT count(*)::int AS count FROM written`,
      [source],
    );
    written += count;
  }
  return written;
}
