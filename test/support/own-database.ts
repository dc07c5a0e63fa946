import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';

/**
 * A fresh, migrated database of a test file's own on the run's server. Plan tests read
 * PostgreSQL's choices, which follow table statistics: rows written here move no other file's plans.
 */
export async function openOwnDatabase(name: string): Promise<Database> {
  const server = process.env.DATABASE_URL as string;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return openDatabase(loadConfig({ ...process.env, DATABASE_URL: url.toString() }), () => undefined);
}
