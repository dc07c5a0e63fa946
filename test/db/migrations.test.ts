import { DataSource } from 'typeorm';
import { ownerDataSource } from '../../src/db/data-sources';
import { TENANT_TABLES } from './tenant-tables';

/** A scratch database on the run's server, so reverting migrations never disturbs other files. */
async function scratchDatabase(name: string): Promise<DataSource> {
  const admin = ownerDataSource(process.env.DATABASE_URL as string);
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `/${name}`;
  const source = ownerDataSource(url.toString());
  await source.initialize();
  return source;
}

async function tablesWithForcedRls(source: DataSource): Promise<string[]> {
  const rows: Array<{ relname: string }> = await source.query(
    `SELECT relname FROM pg_class
      WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relrowsecurity AND relforcerowsecurity
      ORDER BY relname`,
  );
  return rows.map((r) => r.relname);
}

describe('migrations', () => {
  let source: DataSource;

  beforeAll(async () => {
    source = await scratchDatabase('migrations_check');
  });

  afterAll(async () => {
    await source.destroy();
  });

  it('go up, down and up again, leaving every tenant table under forced Row Level Security', async () => {
    await source.runMigrations();
    expect(await tablesWithForcedRls(source)).toEqual([...TENANT_TABLES].sort());
    expect(await source.showMigrations()).toBe(false);

    for (let i = 0; i < source.migrations.length; i++) await source.undoLastMigration();
    expect(await tablesWithForcedRls(source)).toEqual([]);
    const [{ count }] = await source.query(`SELECT count(*)::int AS count FROM schema_migrations`);
    expect(count).toBe(0);

    await source.runMigrations();
    expect(await tablesWithForcedRls(source)).toEqual([...TENANT_TABLES].sort());
  });

  it('make every foreign key between tenant tables include account_id', async () => {
    const rows: Array<{ name: string; columns: string[] }> = await source.query(`
      SELECT conname AS name,
             array(SELECT attname FROM pg_attribute WHERE attrelid = conrelid AND attnum = ANY (conkey) ORDER BY attnum)::text[] AS columns
        FROM pg_constraint
       WHERE contype = 'f' AND connamespace = 'public'::regnamespace`);
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows)
      expect({ name: row.name, hasAccount: row.columns.includes('account_id') }).toEqual({ name: row.name, hasAccount: true });
  });
});
