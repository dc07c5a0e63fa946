import type { QueryRunner } from 'typeorm';

/**
 * Loads rows built in JS into a temporary table that lives until the seeding transaction ends,
 * so the set-based INSERTs can join against it. `columns` is the column definition list of
 * `jsonb_to_recordset`, e.g. `id bigint, name text`.
 */
export async function createTempTable(runner: QueryRunner, name: string, columns: string, rows: readonly object[]): Promise<void> {
  await runner.query(`CREATE TEMP TABLE ${name} ON COMMIT DROP AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${columns})`, [
    JSON.stringify(rows),
  ]);
  // Temporary tables are never analysed automatically; without statistics the planner guesses.
  await runner.query(`ANALYZE ${name}`);
}

/**
 * Inserts rows whose keys are column names in one statement; `jsonb_populate_recordset` casts
 * every value to its column's type, so dates, inet and bigint ids can travel as JSON strings.
 */
export async function insertRows(runner: QueryRunner, table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).join(', ');
  await runner.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [
    JSON.stringify(rows),
  ]);
}

/** Draws ids from a table's identity sequence, so that rows can reference each other before they are inserted. */
export async function allocateIds(runner: QueryRunner, table: string, count: number): Promise<string[]> {
  const rows: Array<{ id: string }> = await runner.query(
    `SELECT id::text AS id FROM (SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id FROM generate_series(1, $2::int)) s ORDER BY s.id`,
    [table, count],
  );
  return rows.map((row) => row.id);
}

/**
 * Later statements of the seed reference a table this transaction has just filled, through
 * joins and through the foreign-key checks of every inserted row. Its statistics still describe
 * it as it was before (empty, or holding only the previous account, as autovacuum last saw
 * it), and the checks' plans built on them scan the whole account's index range per row: the
 * seed becomes quadratic. ANALYZE counts the transaction's own new rows.
 */
export async function analyzeAfterBulkInsert(runner: QueryRunner, table: string): Promise<void> {
  await runner.query(`ANALYZE ${table}`);
}
