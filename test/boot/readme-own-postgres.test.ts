import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScratchServer, asSuperuser, freePort, startScratchPostgres } from '../support/scratch-postgres';

const ROOT = path.resolve(__dirname, '../..');
/** The address the README's examples use, swapped for the scratch server's: the only change made to them. */
const EXAMPLE_SERVER = 'db.example:5432';

/** The fenced blocks of the README's "Using your own PostgreSQL" section, in order. */
function readmeBlocks(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('### Using your own PostgreSQL');
  const end = readme.indexOf('\n## ', start);
  const section = readme.slice(start, end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]);
}

interface Run {
  child: ChildProcess;
  output: () => string;
  /** How it ended: `exit N` or the signal's name. */
  exited: Promise<string>;
}

/** Runs a README block in bash, in the repository, with nothing of the test run's database settings. */
function runBlock(block: string, server: ScratchServer, env: Record<string, string>): Run {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !['DATABASE_URL', 'APP_DATABASE_URL', 'APP_DB_PASSWORD', 'DEMO_API_KEY'].includes(name)),
  );
  const child = spawn('bash', ['-e', '-c', block.replaceAll(EXAMPLE_SERVER, `127.0.0.1:${server.port}`)], {
    cwd: ROOT,
    env: { ...clean, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  return { child, output: () => output, exited };
}

async function until(what: string, run: Run, probe: (output: string) => boolean, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe(run.output())) {
    if (run.child.exitCode !== null) throw new Error(`exited with ${run.child.exitCode} before ${what}:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Boots the README's commands, asks the API who it is with the demo key of the first boot, and
 * stops it with SIGINT, as Ctrl-C does to the foreground process group.
 */
async function bootAndStop(block: string, server: ScratchServer, dataDir: string, demoKey: string | undefined): Promise<string> {
  const port = await freePort();
  const run = runBlock(block, server, { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  try {
    await until('the API to listen', run, (output) => output.includes('"msg":"listening"'));
    // Ctrl-C is handled once the last worker has started; before that it would end the service unlogged.
    await until('the ingest applier to start', run, (output) => output.includes('"msg":"ingest applier started"'));
    expect(run.output()).toContain('migrations applied');
    const key = demoKey ?? /Demo API key for account \d+ \([^)]*\): (\S+)/.exec(run.output())?.[1];
    expect(key).toBeDefined();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: 'ok' } });
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ account { name } }' }),
    });
    expect(((await response.json()) as { data: unknown }).data).toEqual({ account: { name: 'Loja Aurora Ltda' } });
    process.kill(-run.child.pid!, 'SIGINT');
    // npm re-raises the signal its script got, so the group ends by SIGINT; the service's own log says how it went.
    expect(await run.exited).toBe('SIGINT');
    expect(run.output()).toContain('"msg":"shutting down"');
    expect(
      run
        .output()
        .split('\n')
        .filter((line) => /"level":(40|50|60)/.test(line)),
    ).toEqual([]);
    return key!;
  } finally {
    if (run.child.exitCode === null && run.child.signalCode === null) process.kill(-run.child.pid!, 'SIGKILL');
  }
}

describe('README: Using your own PostgreSQL, word for word', () => {
  const [createRoleBoot, dbaSetup, setupRolesBoot] = readmeBlocks();
  let server: ScratchServer | undefined;
  let dataDir: string;

  beforeEach(async () => {
    server = await startScratchPostgres();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-data-'));
  }, 60_000);

  afterEach(async () => {
    await server?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('has the three blocks the test runs', () => {
    expect(createRoleBoot).toContain('APP_DB_PASSWORD');
    expect(dbaSetup).toContain('migrations/setup-roles.sql');
    expect(setupRolesBoot).toContain('APP_DATABASE_URL');
  });

  it('an owner with CREATEROLE, not a superuser: boots, and boots again', async () => {
    await asSuperuser(server!, [
      `CREATE ROLE owner LOGIN PASSWORD 'secret' CREATEROLE NOSUPERUSER NOBYPASSRLS`,
      `CREATE DATABASE reporting OWNER owner`,
    ]);
    const key = await bootAndStop(createRoleBoot, server!, dataDir, undefined);
    await bootAndStop(createRoleBoot, server!, dataDir, key);
  }, 600_000);

  it('an owner without CREATEROLE, after a DBA ran setup-roles.sql: boots, and boots again', async () => {
    await asSuperuser(server!, [
      `CREATE ROLE owner LOGIN PASSWORD 'secret' NOCREATEROLE NOSUPERUSER NOBYPASSRLS`,
      `CREATE ROLE dba LOGIN PASSWORD 'dba-secret' CREATEROLE NOSUPERUSER`,
      `CREATE DATABASE reporting OWNER owner`,
    ]);
    const setup = runBlock(dbaSetup, server!, {});
    expect({ ended: await setup.exited, output: setup.output() }).toEqual({ ended: 'exit 0', output: expect.any(String) });
    const key = await bootAndStop(setupRolesBoot, server!, dataDir, undefined);
    await bootAndStop(setupRolesBoot, server!, dataDir, key);
  }, 600_000);
});
