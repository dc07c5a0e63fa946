import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createApiKey } from '../src/auth/api-keys';
import { loadConfig } from '../src/config';
import { Database, openDatabase } from '../src/db/database';
import { installJobQueue } from '../src/exports/queue';
import { installIngestQueues } from '../src/ingest/queue';
import { withTenant } from '../src/db/tenant-transaction';
import { syntheticEvents } from '../test/support/synthetic-events';
import { withStatementStatistics } from './statement-statistics';

/**
 * `npm run bench:ingest [-- --messages N] [--statements K] [--resend]`: N messages (default 1M, 50 per conversation, with
 * their conversations, locks, tags and resolutions) sent as NDJSON batches of 5,000 over HTTP by 4
 * concurrent senders to the API running as its own process (`src/index.ts`, applier included),
 * beside a raw COPY of the same events into an unindexed jsonb table in the same database.
 * Prints events/s accepted and applied, the lag after the senders stop and the server's peak RSS
 * (VmHWM, Linux) and CPU; with `--statements K`, the K statements of most total time over the run (pg_stat_statements).
 * With `--resend`, after the first pass the same events are sent again twice: under their own ids (all duplicates,
 * accept only), then under new ids (a reconcile: every entity and message created again), whose accepted and applied
 * events/s print apart; the statements are then the reconcile's.
 * Uses its own embedded PostgreSQL under .data/bench-ingest, made anew for every run (or DATABASE_URL): a second
 * run over the first one's tables re-sends every event, which measures a re-import, not an ingestion.
 */

const SENDERS = 4;
const BATCH = 5000;
const ROOT = path.resolve(__dirname, '..');

function peakRssMb(pid: number): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(line?.replace(/\D+/g, '')) / 1024;
}

/** User and system CPU of a process so far (Linux), its threads included; the clock ticks are 100 a second there. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ingest applier started') && output.includes('listening')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
  });
  process.stdout.write(`server on port ${port}, pid ${child.pid}\n`);
  return child;
}

/** `--statements N`: where the database's time went during the run, the N statements of most total time. */
async function slowestStatements(db: Database, limit: number): Promise<string> {
  const rows: Array<{ total_s: number; calls: number; mean_ms: number; rows: number; query: string }> = await db.owner.query(
    `SELECT round(total_exec_time::numeric / 1000, 2)::float8 AS total_s, calls::int, round(mean_exec_time::numeric, 1)::float8 AS mean_ms,
            rows::int, regexp_replace(query, '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT $1`,
    [limit],
  );
  const lines = rows.map(
    (r) =>
      `${String(r.total_s).padStart(8)} s ${String(r.calls).padStart(7)} calls ${String(r.mean_ms).padStart(9)} ms  ${r.query.slice(0, 160)}`,
  );
  return ['statements by total time (s, calls, mean ms, query):', ...lines].join('\n') + '\n';
}

const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000)).toLocaleString('en-US');

/** One pass of the senders and the applier: when it started, when the senders stopped and when all was applied. */
interface Pass {
  events: number;
  duplicates: number;
  started: number;
  sent: number;
  done: number;
  /** When the lag was last 5 s or more (null: never). */
  lastOverFive: number | null;
  maxLag: number;
}

/** Sends the events as NDJSON batches from SENDERS concurrent senders, then waits until the applier has applied them all. */
async function sendAll(events: string[], apiPort: number, key: string, lag: () => Promise<number | null>): Promise<Pass> {
  const batches: string[] = [];
  for (let start = 0; start < events.length; start += BATCH) batches.push(events.slice(start, start + BATCH).join('\n') + '\n');
  const started = Date.now();
  let next = 0;
  let duplicates = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < batches.length) {
        const body = batches[next++];
        const response = await fetch(`http://127.0.0.1:${apiPort}/ingest/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` },
          body,
        });
        if (response.status !== 202) throw new Error(`batch refused: ${response.status} ${await response.text()}`);
        duplicates += ((await response.json()) as { duplicates: number }).duplicates;
      }
    }),
  );
  const sent = Date.now();
  // The lag at a moment is the age of the oldest event not applied yet; the target is about when it last was 5 s or more.
  let lastOverFive: number | null = null;
  let maxLag = 0;
  for (;;) {
    const age = await lag();
    if (age !== null && age >= 5) lastOverFive = Date.now();
    maxLag = Math.max(maxLag, age ?? 0);
    if (age === null) break;
    await sleep(200);
  }
  return { events: events.length, duplicates, started, sent, done: Date.now(), lastOverFive, maxLag };
}

function report(pass: Pass): { accepted: string; applied: string; lag: string } {
  const { events, started, sent, done, lastOverFive, maxLag } = pass;
  return {
    accepted: `${((sent - started) / 1000).toFixed(2)} s   ${perSecond(events, sent - started)} events/s`,
    applied: `${((done - started) / 1000).toFixed(2)} s   ${perSecond(events, done - started)} events/s`,
    lag: `lag back under 5 s after ${lastOverFive === null ? '0.0' : ((lastOverFive - sent) / 1000).toFixed(1)} s (peak ${maxLag.toFixed(1)} s), all applied after ${((done - sent) / 1000).toFixed(1)} s (target: under 5 s within 10 s)`,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { messages: { type: 'string' }, statements: { type: 'string' }, resend: { type: 'boolean' } },
  });
  const messages = Number(values.messages ?? 1_000_000);
  const perConversation = 50;
  const events = syntheticEvents(Math.ceil(messages / perConversation), perConversation).map((event) => JSON.stringify(event));
  process.stdout.write(`${events.length} events (${messages} messages)\n`);

  const dataDir = path.join(ROOT, '.data/bench-ingest');
  const pgPort = Number(process.env.BENCH_PG_PORT ?? 55411);
  const apiPort = Number(process.env.BENCH_API_PORT ?? 55412);
  if (!process.env.DATABASE_URL) fs.rmSync(dataDir, { recursive: true, force: true });
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PG_PORT: String(pgPort), SEED_DEMO: 'false' });
  const topStatements = Number(values.statements ?? 0);
  const open = () => openDatabase(config, () => undefined);
  const db = topStatements > 0 ? await withStatementStatistics(open) : await open();
  // pg-boss's schema and the runtime role's grants on it come with the export queue's installation.
  await installJobQueue(db.owner);
  await installIngestQueues(db.owner);
  const ownerUrl = (db.owner.options as { url: string }).url;
  const [{ id: accountId }] = await db.owner.query(`SELECT nextval(pg_get_serial_sequence('accounts', 'id'))::text AS id`);
  const key = await withTenant(db.owner, accountId, async (runner) => {
    await runner.query(`INSERT INTO accounts (id, name) VALUES ($1, 'Ingest bench')`, [accountId]);
    return createApiKey(runner, { accountId, role: 'ingest', name: 'bench' });
  });

  // Raw COPY of the same events: the floor of what storing them costs.
  const pool = new Pool({ connectionString: ownerUrl, max: 1 });
  const client = await pool.connect();
  await client.query('DROP TABLE IF EXISTS bench_raw_events');
  await client.query('CREATE UNLOGGED TABLE bench_raw_events (doc jsonb)');
  const copyStarted = process.hrtime.bigint();
  await pipeline(
    Readable.from(events.map((line) => line.replace(/\\/g, '\\\\') + '\n')),
    client.query(copyFrom('COPY bench_raw_events (doc) FROM STDIN')),
  );
  const copySeconds = Number(process.hrtime.bigint() - copyStarted) / 1e9;
  await client.query('DROP TABLE bench_raw_events');
  client.release();
  await pool.end();

  const server = await startServer(
    {
      ...process.env,
      DATABASE_URL: ownerUrl,
      APP_DB_PASSWORD: 'reporting_app_local',
      PORT: String(apiPort),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      RATE_LIMIT_PER_SECOND: '100000',
      RATE_LIMIT_BURST: '1000000',
      EXPORT_TOKEN_SECRET: 'b'.repeat(40),
    },
    apiPort,
  );
  // The age of the oldest unapplied event, null once none is left. Read by index from the first pending and waiting
  // state rows: a count every poll (0.1 s over a 100k backlog, five times a second) competed with the applier it measures.
  const lag = async () => {
    const [row] = await withTenant(db.owner, accountId, (runner) =>
      runner.query(
        `SELECT extract(epoch FROM now() - min(received_at))::float8 AS lag
           FROM ((SELECT received_at FROM ingest_event_states WHERE account_id = $1 AND state = 'pending' ORDER BY seq LIMIT 1)
                 UNION ALL
                 (SELECT received_at FROM ingest_event_states WHERE account_id = $1 AND state = 'waiting' ORDER BY seq LIMIT 1)) o`,
        [accountId],
      ),
    );
    return (row as { lag: number | null }).lag;
  };
  const send = (lines: string[]) => sendAll(lines, apiPort, key.key, lag);

  if (topStatements > 0) await db.owner.query('SELECT pg_stat_statements_reset()');
  const first = await send(events);
  let resent = '';
  if (values.resend) {
    // The same events again under their own ids are duplicates, dropped at accept: nothing reaches the applier.
    const repeated = await send(events);
    // A reconcile (a history re-sent, an import run again) brings the same facts under new event ids: every message is
    // created again under its id, the path of a message already in the tables.
    if (topStatements > 0) await db.owner.query('SELECT pg_stat_statements_reset()');
    const reconciled = await send(events.map((line) => line.replace(/^\{"id":"/, '{"id":"r')));
    resent = [
      `same ids again (duplicates) accepted ${report(repeated).accepted}; ${repeated.duplicates} duplicates`,
      `re-sent under new ids       accepted ${report(reconciled).accepted}`,
      `re-sent under new ids       applied  ${report(reconciled).applied}`,
      `re-sent under new ids       ${report(reconciled).lag}`,
    ].join('\n');
  }
  const [{ rejected }] = await withTenant(db.owner, accountId, (runner) =>
    runner.query(`SELECT count(*)::int AS rejected FROM ingest_event_states WHERE account_id = $1`, [accountId]),
  );
  if (rejected > 0) throw new Error(`${rejected} events were rejected instead of applied`);
  const statements = topStatements > 0 ? await slowestStatements(db, topStatements) : '';
  const rss = peakRssMb(server.pid!);
  const serverCpu = cpuSeconds(server.pid!);
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await db.close();

  const appliedRate = events.length / ((first.done - first.started) / 1000);
  const copyRate = events.length / copySeconds;
  const firstReport = report(first);
  process.stdout.write(
    [
      `events                      ${events.length}`,
      `raw COPY into jsonb table   ${copySeconds.toFixed(2)} s   ${perSecond(events.length, copySeconds * 1000)} events/s`,
      `accepted over HTTP (4x)     ${firstReport.accepted}`,
      `applied (first send → all)  ${firstReport.applied}`,
      `ratio applied / raw COPY    ${(appliedRate / copyRate).toFixed(3)} (target >= 0.25)`,
      `after the senders stopped:  ${firstReport.lag}`,
      `server peak RSS             ${rss.toFixed(0)} MB`,
      `server CPU (user+system)    ${serverCpu.toFixed(1)} s`,
      ...(resent ? [resent] : []),
    ].join('\n') +
      '\n' +
      statements,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
