import { Database } from '../src/db/database';

/** pg_stat_statements must be loaded at server start; the benchmark's own cluster gets it once. */
export async function withStatementStatistics(open: () => Promise<Database>): Promise<Database> {
  let db = await open();
  const [{ libraries }] = await db.owner.query(`SELECT current_setting('shared_preload_libraries') AS libraries`);
  if (!String(libraries).includes('pg_stat_statements')) {
    await db.owner.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    await db.close();
    db = await open();
  }
  await db.owner.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  return db;
}
