import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { installJobQueue } from '../../src/exports/queue';
import { installIngestQueues } from '../../src/ingest/queue';
import { withTenant } from '../../src/db/tenant-transaction';
import { createAccount } from '../support/fixtures';
import { domainSnapshot, ingestEvents, storeEvents } from '../support/ingest';
import { syntheticEvents } from '../support/synthetic-events';

const ROOT = path.resolve(__dirname, '../..');
const CONVERSATIONS = 200;
const MESSAGES_PER_CONVERSATION = 30;
const APPLY_BATCH_SIZE = 300;

interface Worker {
  process: ChildProcess;
  exited: Promise<number | null>;
  /** Everything the worker printed, for the failure message. */
  output(): string;
}

/** `npm run worker` as a child process (node --import tsx, so a SIGKILL reaches the worker itself). */
async function startWorker(dataDir: string): Promise<Worker> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      EXPORT_DIR: path.join(dataDir, 'exports'),
      EXPORT_TOKEN_SECRET: 'x'.repeat(40),
      INGEST_APPLY_BATCH_SIZE: String(APPLY_BATCH_SIZE),
      INGEST_JOB_EXPIRE_SECONDS: '5',
      INGEST_MAINTENANCE_INTERVAL_SECONDS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ingest applier started')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`the worker exited with ${code}:\n${output}`)));
  });
  return { process: child, exited, output: () => output };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 120_000, pauseMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/** kill -9 of the worker while it applies a large log: after a restart the tables equal an uninterrupted run. */
describe('an ingest worker killed mid-batch', () => {
  let db: Database;
  let dataDir: string;
  const workers: Worker[] = [];
  const events = syntheticEvents(CONVERSATIONS, MESSAGES_PER_CONVERSATION);

  beforeAll(async () => {
    db = await openDatabase(loadConfig(process.env), () => undefined);
    // pg-boss's schema and the runtime role's grants on it come with the export queue's installation.
    await installJobQueue(db.owner);
    await installIngestQueues(db.owner);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-crash-'));
  });

  afterAll(async () => {
    for (const worker of workers) if (worker.process.exitCode === null) worker.process.kill('SIGKILL');
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const states = (accountId: string) =>
    withTenant(db.owner, accountId, async (runner) => {
      const rows: Array<{ state: string; n: number }> = await runner.query(
        // Counted from the narrow state table, so a poll stays short beside the rounds it watches.
        `SELECT 'applied' AS state, (SELECT count(*) FROM ingest_events WHERE account_id = $1)::int - count(*)::int AS n
           FROM ingest_event_states WHERE account_id = $1 HAVING (SELECT count(*) FROM ingest_events WHERE account_id = $1) > count(*)
         UNION ALL
         SELECT state, count(*)::int FROM ingest_event_states WHERE account_id = $1 GROUP BY state`,
        [accountId],
      );
      return Object.fromEntries(rows.map((row) => [row.state, row.n])) as Record<string, number>;
    });

  it('loses nothing and applies nothing twice', async () => {
    const reference = await createAccount(db);
    await ingestEvents(db, reference.id, events, { config: { ...loadConfig().ingest, applyBatchSize: APPLY_BATCH_SIZE } });
    const expected = await domainSnapshot(db, reference.id);
    // 200 conversations × 30 messages; per conversation one tag application and three events (lock, resolution, unlock).
    expect([
      expected.conversations.length,
      expected.messages.length,
      expected.message_tags.length,
      expected.conversation_events.length,
    ]).toEqual([200, 6000, 200, 600]);

    const account = await createAccount(db);
    for (let start = 0; start < events.length; start += 5000) await storeEvents(db, account.id, events.slice(start, start + 5000));
    const first = await startWorker(dataDir);
    workers.push(first);
    // The first round has committed and others are under way: kill the worker without warning.
    await until('a first applied round', async () => ((await states(account.id)).applied ?? 0) > 0, 120_000, 10).catch(
      async (error: Error) => {
        const running = await db.owner.query(
          `SELECT left(query, 300) AS query, (now() - query_start)::text AS running_for FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'`,
        );
        throw new Error(`${error.message}\n${first.output()}\nstatements running: ${JSON.stringify(running)}`);
      },
    );
    first.process.kill('SIGKILL');
    await first.exited;
    const atKill = await states(account.id);
    expect(atKill.pending).toBeGreaterThan(0);

    workers.push(await startWorker(dataDir));
    const done = await until('the rest applied', async () => {
      const now = await states(account.id);
      return (now.applied ?? 0) === events.length && !now.pending && !now.waiting ? now : null;
    });
    expect(done).toEqual({ applied: events.length });
    expect(await domainSnapshot(db, account.id)).toEqual(expected);
  }, 240_000);
});
