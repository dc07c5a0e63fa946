import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';

/** An empty database of that name on the run's server, made afresh; returns its URL. */
export async function createEmptyDatabase(name: string): Promise<string> {
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
  return url.toString();
}

/**
 * A fresh, migrated database of a test file's own on the run's server. Plan tests read
 * PostgreSQL's choices, which follow table statistics: rows written here move no other file's plans.
 */
export async function openOwnDatabase(name: string): Promise<Database> {
  const url = await createEmptyDatabase(name);
  return openDatabase(loadConfig({ ...process.env, DATABASE_URL: url }), () => undefined);
}
