import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres, EmbeddedServer } from '../../src/db/embedded';

declare global {
  var __TEST_POSTGRES__: EmbeddedServer | undefined;
}

export const TEST_APP_DB_PASSWORD = 'reporting_app_test';

/**
 * One real PostgreSQL for the whole run, in a fresh data directory so no state leaks between
 * runs. Test files reach it through DATABASE_URL like any external server; each file creates the
 * accounts it needs, so files never depend on one another. MATRIX_DATABASE_URL (set by `.ci/run`)
 * names another server's owner instead, a CREATEROLE role that is not a superuser, as managed
 * services give it; the run then uses that server and starts none.
 */
export default async function globalSetup(): Promise<void> {
  process.env.APP_DB_PASSWORD = TEST_APP_DB_PASSWORD;
  process.env.TZ = 'UTC';
  if (process.env.MATRIX_DATABASE_URL) {
    process.env.DATABASE_URL = process.env.MATRIX_DATABASE_URL;
    return;
  }
  const dataDir = path.resolve(__dirname, '../..', process.env.TEST_DATA_DIR ?? '.test-data');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const port = Number(process.env.TEST_PG_PORT ?? 54339);
  const server = await startEmbeddedPostgres(dataDir, port, () => undefined);
  globalThis.__TEST_POSTGRES__ = server;
  process.env.DATABASE_URL = server.url;
}
