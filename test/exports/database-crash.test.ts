import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { createAccount, TestAccount } from '../support/fixtures';
import { ScratchServer, asSuperuser, freePort, startScratchPostgres } from '../support/scratch-postgres';
import { insertBulkMessages } from './bulk-messages';

const ROOT = path.resolve(__dirname, '../..');
const CONVERSATIONS = 300;
const MESSAGES_PER_CONVERSATION = 400;
const INPUT = {
  report: 'MESSAGES',
  filter: { from: '2026-03-10', to: '2026-03-11', timeZone: 'UTC' },
  locale: 'EN',
  delimiter: 'COMMA',
  bom: false,
};

/** The API's log so far, to say what happened when a wait times out. */
let output = '';

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the API's output:\n${output.slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Issue 9: PostgreSQL crashes (an immediate shutdown, as `pg_ctl stop -m immediate` does) while an
 * export runs. The API process, with its worker, runs on a server of this test's own.
 */
describe('the database crashing while an export runs', () => {
  let server: ScratchServer;
  let account: TestAccount;
  let api: ChildProcess;
  let exited: Promise<string>;
  let url: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-crash-'));

  async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${account.key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }
  const FIELDS = 'id status progress attempts rowCount';
  type Job = { id: string; status: string; progress: number; attempts: number; rowCount: number | null };
  const requestExport = async () =>
    (
      await graphql<{ exportReport: Job }>(`mutation($input: ExportReportInput!) { exportReport(input: $input) { ${FIELDS} } }`, {
        input: INPUT,
      })
    ).exportReport;
  const exportJob = async (id: string) =>
    (await graphql<{ exportJob: Job }>(`query($id: ID!) { exportJob(id: $id) { ${FIELDS} } }`, { id })).exportJob;
  const health = async () => {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    server = await startScratchPostgres();
    await asSuperuser(server, ['CREATE DATABASE reporting']);
    const env = { DATABASE_URL: server.superuserUrl('reporting'), APP_DB_PASSWORD: 'crash-test-runtime' };
    const db = await openDatabase(loadConfig({ ...process.env, ...env, APP_DATABASE_URL: '' }), () => undefined);
    try {
      account = await createAccount(db, { name: 'Crash Co' });
      await insertBulkMessages(db, account.id, {
        conversations: CONVERSATIONS,
        messagesPerConversation: MESSAGES_PER_CONVERSATION,
        stepMs: 100,
        content: 'mensagem nº ',
      });
    } finally {
      await db.close();
    }

    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // The job expiry stays at its default (15 minutes): the export must come back long before it.
    api = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        DATA_DIR: dataDir,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'info',
        EXPORT_ACCOUNT_CONCURRENCY: '1',
        EXPORT_POLL_INTERVAL_MS: '500',
        // The export's COPY takes about a second on a quiet machine: at the default interval (1 s) it could end
        // before its first progress report, and the crash would never meet it under way.
        EXPORT_PROGRESS_INTERVAL_MS: '50',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    api.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => api.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
    await until('the API and its worker to start', async () => output.includes('export worker started'));
  }, 180_000);

  afterAll(async () => {
    if (api.exitCode === null && api.signalCode === null) api.kill('SIGKILL');
    await exited;
    await server.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the API up, answers /healthz 503 while the database is gone, and finishes the export once it is back', async () => {
    const { id } = await requestExport();
    await until('the export to be under way', async () => {
      const job = await exportJob(id);
      return job.status === 'RUNNING' && job.progress > 0;
    });
    await server.crash();

    expect(
      await until('/healthz to say the database is gone', async () => {
        const answer = await health();
        return answer.status === 503 ? answer : null;
      }),
    ).toEqual({ status: 503, body: { status: 'unavailable', database: 'unreachable' } });
    // A request meanwhile is told to come back later, with a code, not a 500.
    const refused = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${account.key}` },
      body: JSON.stringify({ query: '{ account { name } }' }),
    });
    expect({ status: refused.status, retryAfter: refused.headers.get('retry-after'), body: await refused.json() }).toEqual({
      status: 503,
      retryAfter: '5',
      body: {
        errors: [
          {
            message: 'The database is unreachable right now; retry in a few seconds.',
            extensions: { code: 'DATABASE_UNAVAILABLE', retryAfter: 5 },
          },
        ],
      },
    });
    // Long enough for the worker's polls, the lost COPY and the pg-boss upkeep to have failed.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect({ exitCode: api.exitCode, signal: api.signalCode }).toEqual({ exitCode: null, signal: null });

    await server.start();
    expect(
      await until('/healthz to recover', async () => {
        const answer = await health();
        return answer.status === 200 ? answer : null;
      }),
    ).toEqual({ status: 200, body: { status: 'ok' } });

    // Handed back when the database returned, not after the 15-minute job expiry.
    const finished = await until(
      'the interrupted export to finish',
      async () => {
        const job = await exportJob(id);
        return ['SUCCEEDED', 'FAILED'].includes(job.status) ? job : null;
      },
      60_000,
    );
    expect(finished).toEqual({ id, status: 'SUCCEEDED', progress: 1, attempts: 2, rowCount: CONVERSATIONS * MESSAGES_PER_CONVERSATION });

    // The account's only slot is free again.
    const next = await requestExport();
    const nextFinished = await until(
      'the next export to finish',
      async () => {
        const job = await exportJob(next.id);
        return ['SUCCEEDED', 'FAILED'].includes(job.status) ? job : null;
      },
      60_000,
    );
    expect(nextFinished).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });

    const lines = output.split('\n');
    expect(lines.filter((line) => line.includes('database connection lost'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('database reachable again'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('"level":60') || line.includes('unhandled') || line.includes('internal error'))).toEqual(
      [],
    );

    api.kill('SIGTERM');
    expect(await exited).toBe('exit 0');
  }, 180_000);
});
