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
 * accounts it needs, so files never depend on one another.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = path.resolve(__dirname, '../..', process.env.TEST_DATA_DIR ?? '.test-data');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const port = Number(process.env.TEST_PG_PORT ?? 54339);
  const server = await startEmbeddedPostgres(dataDir, port, () => undefined);
  globalThis.__TEST_POSTGRES__ = server;
  process.env.DATABASE_URL = server.url;
  process.env.APP_DB_PASSWORD = TEST_APP_DB_PASSWORD;
  process.env.TZ = 'UTC';
}
