import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { createApiKey } from '../src/auth/api-keys';
import { catalog } from '../src/catalog';
import { loadConfig } from '../src/config';
import { openDatabase, Database } from '../src/db/database';
import { withTenant } from '../src/db/tenant-transaction';
import { Locale } from '../src/entities/enums/account.enums';
import { storeFilter } from '../src/exports/export-job';
import { insertExportJob, findExportJob } from '../src/exports/export-job.store';
import { CsvDelimiter } from '../src/exports/export.enums';
import { runExport } from '../src/exports/run-export';
import { createLogger } from '../src/logger';
import { compileCopy, ResolvedFilter } from '../src/reports/compiler';

/**
 * `npm run bench:export [-- --conversations N]`: the messages report exported through the real
 * pipeline (claim, count, COPY, hash, file, fsync, publish) against a raw COPY of the same SELECT
 * drained to /dev/null, in one process. Uses its own embedded PostgreSQL under .data/bench
 * (or DATABASE_URL) and seeds the demo data there until one account has 2M messages.
 */

const TARGET_MESSAGES = 2_000_000;
const SMALL_EXPORT_ROWS = 10_000;
const report = catalog.find((r) => r.key === 'messages')!;

interface Run {
  rows: number;
  seconds: number;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function accountSizes(db: Database): Promise<Array<{ id: string; messages: number; timeZone: string }>> {
  const [{ last }] = await db.owner.query(`SELECT coalesce(last_value, 0)::int AS last FROM pg_sequences WHERE schemaname = 'public' AND sequencename = 'accounts_id_seq'`);
  const sizes = [];
  for (let id = 1; id <= last; id++) {
    // Explicit account filters: a superuser owner is not bound by Row Level Security.
    const [row] = await withTenant(db.owner, String(id), (runner) =>
      runner.query('SELECT a.time_zone AS "timeZone", (SELECT count(*)::int FROM messages WHERE account_id = a.id) AS messages FROM accounts a WHERE a.id = $1', [id]),
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
    const stream = client.query(copyTo(compileCopy(report, filter, { fields: report.columns.map((c) => c.field), locale: 'ptBR', delimiter: ';' })));
    await pipeline(stream, fs.createWriteStream('/dev/null'));
    await client.query('COMMIT');
    return { rows: stream.rowCount, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    client.release();
  }
}

async function exportPipeline(db: Database, pool: Pool, accountId: string, keyId: string, filter: ResolvedFilter, dir: string): Promise<Run> {
  const config = loadConfig();
  const job = await withTenant(db.runtime, accountId, (runner) =>
    insertExportJob(runner.manager, {
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
    }),
  );
  if (!job) throw new Error('could not create the export');
  const started = process.hrtime.bigint();
  await runExport(
    { runtime: db.runtime, copyPool: pool, config: { ...config.exports, dir }, logger: createLogger('warn'), stopping: new AbortController().signal },
    { accountId, exportId: job.id },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const done = await withTenant(db.runtime, accountId, (runner) => findExportJob(runner.manager, job.id));
  if (done?.status !== 'succeeded') throw new Error(`the export ended ${done?.status}: ${done?.errorMessage}`);
  return { rows: done.rowCount ?? 0, seconds };
}

/** `npm run seed` in a child process on this database, so the seeding never counts in this process's peak RSS. */
function seed(db: Database, appDbPassword: string | undefined, conversations: number): void {
  execFileSync('npm', ['run', '--silent', 'seed', '--', '--conversations', String(conversations)], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: (db.owner.options as { url: string }).url, APP_DB_PASSWORD: appDbPassword },
  });
}

function line(label: string, run: Run): string {
  return `${label.padEnd(30)} ${String(run.rows).padStart(9)} rows  ${run.seconds.toFixed(2).padStart(7)} s  ${Math.round(run.rows / run.seconds).toLocaleString('en-US').padStart(9)} rows/s`;
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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-export-'));
  try {
    let [largest] = await accountSizes(db);
    if (!largest || largest.messages < TARGET_MESSAGES) {
      const conversations = Number(values.conversations ?? 450_000);
      process.stdout.write(`seeding ${conversations} conversations per demo account (one-time, several minutes)…\n`);
      seed(db, config.appDbPassword, conversations);
      [largest] = await accountSizes(db);
    }
    const key = await withTenant(db.owner, largest.id, (runner) => createApiKey(runner, { accountId: largest.id, role: 'admin', name: 'bench' }));
    const pool = new Pool({ connectionString: (db.runtime.options as { url: string }).url, max: 2 });
    const small = await filterFor(db, largest.id, largest.timeZone, SMALL_EXPORT_ROWS);
    const all = await filterFor(db, largest.id, largest.timeZone, null);
    const restingRss = process.memoryUsage().rss / 1048576;
    // Each file of the full export is about 1 GB; only its hash matters here.
    const clean = () => fs.rmSync(path.join(dir, largest.id), { recursive: true, force: true });

    // The first small export reads its pages from disk; the second is the one timed.
    await exportPipeline(db, pool, largest.id, key.id, small, dir);
    const smallRun = await exportPipeline(db, pool, largest.id, key.id, small, dir);
    const smallRss = peakRssMb();
    clean();
    await rawCopy(pool, largest.id, all); // warms the caches for every timed run

    // Interleaved rounds: on a shared machine a neighbour's load hits both sides alike.
    const raws: Run[] = [];
    const fulls: Run[] = [];
    const lines: string[] = [];
    for (let round = 1; round <= rounds; round++) {
      raws.push(await rawCopy(pool, largest.id, all));
      fulls.push(await exportPipeline(db, pool, largest.id, key.id, all, dir));
      clean();
      lines.push(line(`round ${round}: raw COPY -> /dev/null`, raws.at(-1)!), line(`round ${round}: export pipeline`, fulls.at(-1)!));
    }
    const fullRss = peakRssMb();
    await pool.end();

    const best = (runs: Run[]) => runs.reduce((a, b) => (rate(b) > rate(a) ? b : a));
    process.stdout.write(
      [
        `messages report, account ${largest.id} (${largest.messages.toLocaleString('en-US')} messages), PT_BR, ';', BOM, ${os.cpus().length} cores, ${rounds} rounds`,
        ...lines,
        line('median raw COPY', median(raws)),
        line('median export pipeline', median(fulls)),
        `throughput ratio (pipeline / raw): median ${(rate(median(fulls)) / rate(median(raws))).toFixed(2)}, best ${(rate(best(fulls)) / rate(best(raws))).toFixed(2)} (target >= 0.80)`,
        line('export pipeline (10k rows)', smallRun),
        `RSS at rest before exporting: ${restingRss.toFixed(0)} MB; peak after the 10k export: ${smallRss.toFixed(0)} MB; after the full exports: ${fullRss.toFixed(0)} MB (target < 150 MB)`,
      ].join('\n') + '\n',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
