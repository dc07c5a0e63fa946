import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { createApiKey } from '../src/auth/api-keys';
import { catalog } from '../src/catalog';
import { Config, loadConfig } from '../src/config';
import { openDatabase, Database } from '../src/db/database';
import { withTenant } from '../src/db/tenant-transaction';
import { Locale } from '../src/entities/enums/account.enums';
import { ExportJobRecord } from '../src/exports/export-job';
import { storeFilter } from '../src/reports/stored-filter';
import { insertExportJob, findExportJob } from '../src/exports/export-job.store';
import { CsvDelimiter, ExportStatus } from '../src/exports/export.enums';
import { enqueueExport, installJobQueue } from '../src/exports/queue';
import { compileCopy, ResolvedFilter } from '../src/reports/compiler';

/**
 * `npm run bench:export [-- --conversations N] [-- --rounds N]`: the messages report exported by a
 * worker process against a raw COPY of the same SELECT drained to /dev/null by this process.
 *
 * The worker is the production one (`npm run build`, then `node dist/src/worker.js`), fed through
 * the queue like any export; its time is the job's own (`startedAt` to `finishedAt`: claim, count
 * estimate, COPY, hash, file, fsync, publish) and its peak RSS is the kernel's high-water mark
 * (VmHWM in /proc, so Linux only). Uses its own embedded PostgreSQL under .data/bench (or
 * DATABASE_URL) and seeds the demo data there until one account has 2M messages.
 */

const TARGET_MESSAGES = 2_000_000;
const SMALL_EXPORT_ROWS = 10_000;
const report = catalog.find((r) => r.key === 'messages')!;
const FINISHED = new Set([ExportStatus.SUCCEEDED, ExportStatus.FAILED, ExportStatus.CANCELLED]);

interface Run {
  rows: number;
  seconds: number;
}

async function accountSizes(db: Database): Promise<Array<{ id: string; messages: number; timeZone: string }>> {
  const [{ last }] = await db.owner.query(
    `SELECT coalesce(last_value, 0)::int AS last FROM pg_sequences WHERE schemaname = 'public' AND sequencename = 'accounts_id_seq'`,
  );
  const sizes = [];
  for (let id = 1; id <= last; id++) {
    // Explicit account filters: a superuser owner is not bound by Row Level Security.
    const [row] = await withTenant(db.owner, String(id), (runner) =>
      runner.query(
        'SELECT a.time_zone AS "timeZone", (SELECT count(*)::int FROM messages WHERE account_id = a.id) AS messages FROM accounts a WHERE a.id = $1',
        [id],
      ),
    );
    if (row) sizes.push({ id: String(id), ...row });
  }
  return sizes.sort((a, b) => b.messages - a.messages);
}

async function filterFor(db: Database, accountId: string, timeZone: string, rows: number | null): Promise<ResolvedFilter> {
  const [range] = await withTenant(db.owner, accountId, (runner) =>
    runner.query(
      `SELECT min(created_at) AS "from", now() AS "asOf",
              CASE WHEN $2::int IS NULL THEN max(created_at) + interval '1 second'
                   ELSE (SELECT created_at FROM messages WHERE account_id = $1 AND message_type <> 'activity' ORDER BY created_at OFFSET $2 LIMIT 1) END AS "to"
         FROM messages WHERE account_id = $1`,
      [accountId, rows],
    ),
  );
  return { from: range.from, to: range.to, timeZone, asOf: range.asOf, inboxIds: null, channelTypes: null, teamIds: null, agentIds: null };
}

async function rawCopy(pool: Pool, accountId: string, filter: ResolvedFilter): Promise<Run> {
  const client = await pool.connect();
  try {
    const started = process.hrtime.bigint();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await client.query(`SELECT set_config('app.account_id', $1, true), set_config('TimeZone', $2, true)`, [accountId, filter.timeZone]);
    const stream = client.query(
      copyTo(compileCopy(report, filter, { fields: report.columns.map((c) => c.field), locale: 'ptBR', delimiter: ';' })),
    );
    await pipeline(stream, fs.createWriteStream('/dev/null'));
    await client.query('COMMIT');
    return { rows: stream.rowCount, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    client.release();
  }
}

/** The production worker as a child process on this database, one export at a time; resolves once it polls the queue. */
async function startWorker(db: Database, config: Config, dir: string): Promise<ChildProcess> {
  const worker = spawn(process.execPath, ['dist/src/worker.js'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: (db.owner.options as { url: string }).url,
      APP_DB_PASSWORD: config.appDbPassword,
      EXPORT_DIR: dir,
      EXPORT_WORKER_CONCURRENCY: '1',
      EXPORT_POLL_INTERVAL_MS: '500',
      LOG_LEVEL: 'info',
    },
  });
  worker.on('exit', (code, signal) => {
    if (!worker.killed) {
      process.stderr.write(`the export worker exited (${signal ?? code})\n`);
      process.exit(1);
    }
  });
  await new Promise<void>((resolve) => {
    let log = '';
    const untilStarted = (chunk: Buffer) => {
      log += chunk.toString();
      if (!log.includes('"export worker started"')) return;
      // From here on its log is drained unread.
      worker.stdout!.off('data', untilStarted).resume();
      resolve();
    };
    worker.stdout!.on('data', untilStarted);
  });
  return worker;
}

async function stopWorker(worker: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.kill('SIGTERM');
  await exited;
}

function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** Requests the export as the API does (job row and queue job in one transaction) and waits for the worker to finish it. */
async function exportByWorker(db: Database, config: Config, accountId: string, keyId: string, filter: ResolvedFilter): Promise<Run> {
  const job = await withTenant(db.runtime, accountId, async (runner) => {
    const inserted = await insertExportJob(runner.manager, {
      requestedByKeyId: keyId,
      report: report.key,
      filter: storeFilter(filter),
      columns: report.columns.map((c) => c.field),
      locale: Locale.PT_BR,
      delimiter: CsvDelimiter.SEMICOLON,
      bom: true,
      gzip: false,
      fileName: 'bench.csv',
      idempotencyKey: null,
      notifyUrl: null,
    });
    if (!inserted) throw new Error('could not create the export');
    await enqueueExport(runner.manager, { accountId, exportId: inserted.id }, config.exports);
    return inserted;
  });
  let done: ExportJobRecord | null = job;
  while (!done || !FINISHED.has(done.status)) {
    await sleep(200);
    done = await withTenant(db.runtime, accountId, (runner) => findExportJob(runner.manager, job.id));
  }
  if (done.status !== ExportStatus.SUCCEEDED) throw new Error(`the export ended ${done.status}: ${done.errorMessage}`);
  return { rows: done.rowCount ?? 0, seconds: (done.finishedAt!.getTime() - done.startedAt!.getTime()) / 1000 };
}

/** `npm run seed` in a child process on this database, so the seeding never counts in this process's peak RSS. */
function seed(db: Database, appDbPassword: string | undefined, conversations: number): void {
  execFileSync('npm', ['run', '--silent', 'seed', '--', '--conversations', String(conversations)], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: (db.owner.options as { url: string }).url, APP_DB_PASSWORD: appDbPassword },
  });
}

function line(label: string, run: Run): string {
  return `${label.padEnd(30)} ${String(run.rows).padStart(9)} rows  ${run.seconds.toFixed(2).padStart(7)} s  ${Math.round(
    run.rows / run.seconds,
  )
    .toLocaleString('en-US')
    .padStart(9)} rows/s`;
}

function median(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)];
}

function rate(run: Run): number {
  return run.rows / run.seconds;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { conversations: { type: 'string' }, rounds: { type: 'string' } } });
  const rounds = Number(values.rounds ?? 3);
  process.env.DATA_DIR ??= path.resolve('.data/bench');
  process.env.PG_PORT ??= '54349';
  const config = loadConfig();
  const db = await openDatabase(config, () => undefined);
  await installJobQueue(db.owner);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-export-'));
  let worker: ChildProcess | undefined;
  try {
    let [largest] = await accountSizes(db);
    if (!largest || largest.messages < TARGET_MESSAGES) {
      const conversations = Number(values.conversations ?? 450_000);
      process.stdout.write(`seeding ${conversations} conversations per demo account (one-time, several minutes)…\n`);
      seed(db, config.appDbPassword, conversations);
      [largest] = await accountSizes(db);
    }
    const key = await withTenant(db.owner, largest.id, (runner) =>
      createApiKey(runner, { accountId: largest.id, role: 'admin', name: 'bench' }),
    );
    const pool = new Pool({ connectionString: (db.runtime.options as { url: string }).url, max: 1 });
    const small = await filterFor(db, largest.id, largest.timeZone, SMALL_EXPORT_ROWS);
    const all = await filterFor(db, largest.id, largest.timeZone, null);
    process.stdout.write('building and starting the worker…\n');
    execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
    worker = await startWorker(db, config, dir);
    const restingRss = procStatusMb(worker.pid!, 'VmRSS');
    // Each file of the full export is about 1 GB; only its hash matters here.
    const clean = () => fs.rmSync(path.join(dir, largest.id), { recursive: true, force: true });

    // The first small export reads its pages from disk; the second is the one timed.
    await exportByWorker(db, config, largest.id, key.id, small);
    const smallRun = await exportByWorker(db, config, largest.id, key.id, small);
    const smallRss = procStatusMb(worker.pid!, 'VmHWM');
    clean();
    await rawCopy(pool, largest.id, all); // warms the caches for every timed run

    // Interleaved rounds: on a shared machine a neighbour's load hits both sides alike.
    const raws: Run[] = [];
    const fulls: Run[] = [];
    const lines: string[] = [];
    for (let round = 1; round <= rounds; round++) {
      raws.push(await rawCopy(pool, largest.id, all));
      fulls.push(await exportByWorker(db, config, largest.id, key.id, all));
      clean();
      lines.push(line(`round ${round}: raw COPY -> /dev/null`, raws.at(-1)!), line(`round ${round}: worker export`, fulls.at(-1)!));
    }
    const fullRss = procStatusMb(worker.pid!, 'VmHWM');
    await pool.end();

    const best = (runs: Run[]) => runs.reduce((a, b) => (rate(b) > rate(a) ? b : a));
    process.stdout.write(
      [
        `messages report, account ${largest.id} (${largest.messages.toLocaleString('en-US')} messages), PT_BR, ';', BOM, ${os.cpus().length} cores, ${rounds} rounds`,
        ...lines,
        line('median raw COPY', median(raws)),
        line('median worker export', median(fulls)),
        `throughput ratio (worker export / raw COPY): median ${(rate(median(fulls)) / rate(median(raws))).toFixed(2)}, best ${(rate(best(fulls)) / rate(best(raws))).toFixed(2)} (target >= 0.80)`,
        line('worker export (10k rows)', smallRun),
        `worker RSS at rest: ${restingRss.toFixed(0)} MB; peak after the 10k export: ${smallRss.toFixed(0)} MB; after the full exports: ${fullRss.toFixed(0)} MB (target < 150 MB)`,
      ].join('\n') + '\n',
    );
  } finally {
    if (worker) await stopWorker(worker);
    fs.rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
