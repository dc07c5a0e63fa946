import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/scratch-postgres';

const ROOT = path.resolve(__dirname, '../..');

interface Service {
  child: ChildProcess;
  output: () => string;
  exited: Promise<string>;
}

/**
 * `npm start` on the embedded database, run as `node --import tsx` so that SIGKILL reaches the
 * service itself, in a process group of its own as in a terminal (Ctrl-C signals the whole group,
 * the embedded PostgreSQL included).
 */
function startService(env: Record<string, string>): Service {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !['DATABASE_URL', 'APP_DATABASE_URL', 'APP_DB_PASSWORD'].includes(name)),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: { ...clean, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  return { child, output: () => output, exited };
}

async function listening(service: Service): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!service.output().includes('"msg":"listening"')) {
    if (service.child.exitCode !== null) throw new Error(`the service exited with ${service.child.exitCode}:\n${service.output()}`);
    if (Date.now() > deadline) throw new Error(`the service did not start:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function cli(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !['DATABASE_URL', 'APP_DATABASE_URL', 'APP_DB_PASSWORD', 'PG_PORT'].includes(name)),
  );
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    cwd: ROOT,
    env: { ...clean, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Issue 9: the embedded PostgreSQL after `kill -9` of the service, beside the CLI, and when it cannot start. */
describe('the embedded PostgreSQL of npm start', () => {
  let dataDir: string;
  let env: Record<string, string>;
  const services: Service[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-restart-'));
    fs.chmodSync(dataDir, 0o755);
    env = { DATA_DIR: dataDir, PG_PORT: String(await freePort()), PORT: String(await freePort()) };
  });

  afterAll(async () => {
    for (const service of services) {
      if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGTERM');
      await service.exited;
    }
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    if (fs.existsSync(pidFile) && alive(postmasterPid(dataDir))) process.kill(postmasterPid(dataDir), 'SIGINT');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is taken over by the next start after kill -9, and the CLI reaches it without PG_PORT', async () => {
    const first = startService(env);
    services.push(first);
    await listening(first);
    const orphan = postmasterPid(dataDir);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect(alive(orphan)).toBe(true);

    const second = startService(env);
    services.push(second);
    await listening(second);
    expect(alive(orphan)).toBe(false);
    expect(postmasterPid(dataDir)).not.toBe(orphan);
    const health = await fetch(`http://127.0.0.1:${env.PORT}/healthz`);
    expect(health.status).toBe(200);

    // The CLI finds the running server from DATA_DIR alone and leaves it running.
    const created = cli(['keys', 'create', '--account', '1', '--role', 'analyst'], { DATA_DIR: dataDir });
    expect({ status: created.status, stderr: created.stderr }).toEqual({ status: 0, stderr: expect.stringContaining('for account 1') });
    const key = created.stdout.trim();
    const response = await fetch(`http://127.0.0.1:${env.PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ account { name } }' }),
    });
    expect(((await response.json()) as { data: unknown }).data).toEqual({ account: { name: 'Loja Aurora Ltda' } });

    // Ctrl-C: nothing that reads like a fault in the log.
    process.kill(-second.child.pid!, 'SIGINT');
    expect(await second.exited).toBe('exit 0');
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(second.output()).toContain('"msg":"shutting down"');
    expect(
      second
        .output()
        .split('\n')
        .filter((line) => /"level":(40|50|60)/.test(line)),
    ).toEqual([]);
  }, 240_000);

  it('stops in order on a Ctrl-C the moment it says it listens, while its workers still start', async () => {
    const service = startService(env);
    services.push(service);
    await listening(service);
    process.kill(-service.child.pid!, 'SIGINT');
    const exited = await service.exited;
    if (exited !== 'exit 0') throw new Error(`the service ended with ${exited}:\n${service.output()}`);
    expect(service.output()).toContain('"msg":"shutting down"');
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 240_000);

  it('stops cleanly when the Ctrl-C reaches its PostgreSQL a moment before the service itself', async () => {
    // A terminal signals the whole group at once; the server's dropped connections can fail the
    // start before the service handles its own copy of the signal.
    const service = startService(env);
    services.push(service);
    await listening(service);
    process.kill(postmasterPid(dataDir), 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.kill(service.child.pid!, 'SIGINT');
    const exited = await service.exited;
    if (exited !== 'exit 0') throw new Error(`the service ended with ${exited}:\n${service.output()}`);
    expect(service.output()).toContain('"msg":"shutting down"');
  }, 240_000);

  it('makes the CLI refuse to create a second, empty database', () => {
    const nowhere = path.join(dataDir, 'not-here');
    const result = cli(['keys', 'create', '--account', '1', '--role', 'analyst'], { DATA_DIR: nowhere });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`There is no embedded database in ${nowhere} (DATA_DIR)`);
    expect(fs.existsSync(nowhere)).toBe(false);
  });

  it('says what failed when PostgreSQL cannot start', async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const service = startService({ ...env, PG_PORT: String(port) });
      services.push(service);
      expect(await service.exited).toBe('exit 1');
      expect(service.output()).toContain(`The embedded PostgreSQL (data ${path.join(dataDir, 'pg')}, port ${port}) could not start`);
      expect(service.output()).toMatch(/could not bind IPv4 address "127\.0\.0\.1": Address already in use/);
      expect(service.output()).not.toContain('undefined');
    } finally {
      blocker.close();
    }
  }, 120_000);

  it('as root, says which folder the postgres user cannot enter', async () => {
    const locked = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-locked-'));
    try {
      const service = startService({ ...env, DATA_DIR: path.join(locked, 'data') });
      services.push(service);
      if (process.getuid?.() === 0) {
        // mkdtemp makes the folder mode 700: root's own.
        expect(await service.exited).toBe('exit 1');
        expect(service.output()).toContain(
          `cannot enter ${locked} (mode 700), which holds its data (DATA_DIR). Let it in (chmod o+x ${locked})`,
        );
      } else {
        // Not root: PostgreSQL runs as this user, who owns the folder.
        await listening(service);
        service.child.kill('SIGTERM');
        expect(await service.exited).toBe('exit 0');
      }
    } finally {
      fs.rmSync(locked, { recursive: true, force: true });
    }
  }, 120_000);
});
