import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createApiKey } from '../src/auth/api-keys';
import { catalog } from '../src/catalog';
import { reportQueryField } from '../src/catalog/naming';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { withTenant } from '../src/db/tenant-transaction';
import { compilePage } from '../src/reports/compiler';
import { resolveReportFilter } from '../src/reports/filter';
import { seedDemoData } from '../src/seed/demo-data';
import { entityQueries } from './bench-api/queries';
import { withStatementStatistics } from './statement-statistics';

/**
 * Read-path benchmark (not a test, issue 12). Seeds `--conversations N` per demo account into a
 * database of its own (once per size), builds the service and starts three servers, each in its
 * own process on that database as the same runtime role, bound to the same account per
 * transaction: the API (`dist`, NODE_ENV=production), PostGraphile v4 (the entity queries' peer)
 * and a bare node-postgres server running the report pages' own compiled SELECT (their peer). It
 * checks that each pair returns the same rows, then drives every query with autocannon at each
 * connection count, API and peer back to back, for `--rounds` interleaved rounds, and prints the
 * medians over the rounds of req/s, p50, p99, errors, statements per request (pg_stat_statements),
 * PostgreSQL and server CPU per request, and each ratio; peak RSS at the end.
 *
 *   npm run bench:api                                         20,000 conversations, 20 s runs, 3 rounds
 *   npm run bench:api -- --duration 5 --rounds 1              a quick look
 *   npm run bench:api -- --profile .bench-data/profiles       the API's CPU profile of the run (node --cpu-prof)
 *   npm run bench:api -- --show-statements                    each run's statements per request, by statement
 *   BENCH_PG_PORT=54396 BENCH_PORT=4396 BENCH_DATA_DIR=.bench-data   (the servers take BENCH_PORT … +2)
 */
const ROOT = path.resolve(__dirname, '..');
const REPORTS = ['conversations_resolved', 'messages'];
const RUNTIME_PASSWORD = 'reporting_app_local';
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

interface Target {
  label: string;
  pid: () => number;
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
  /** The answer's rows, or an error message when the answer is an error. */
  rows(body: string): unknown;
}

interface Pair {
  name: string;
  peerName: string;
  api: Target;
  peer: Target;
}

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  statements: number;
  pgCpuMs: number;
  serverCpuMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** CPU ticks (user + system) of one process. */
function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** CPU ticks of the postmaster and every backend it forked, ended ones (e.g. parallel workers) included. */
function postgresTicks(postmaster: number): number {
  const stat = fs.readFileSync(`/proc/${postmaster}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  let total = cpuTicks(postmaster) + Number(fields[13]) + Number(fields[14]);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += cpuTicks(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return total;
}

function peakRssMegabytes(pid: number): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(line?.split(/\s+/)[1]) / 1024;
}

function start(label: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
  readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    if (/"level":(50|60)/.test(line)) process.stderr.write(`${label}: ${line}\n`);
  });
  readline
    .createInterface({ input: child.stderr as NodeJS.ReadableStream })
    .on('line', (line) => process.stderr.write(`${label}: ${line}\n`));
  return child;
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} did not come up in time`);
}

async function answer(target: Target): Promise<unknown> {
  const response = await fetch(target.url, { method: target.method, headers: target.headers, body: target.body });
  return target.rows(await response.text());
}

function graphqlRows(read: (data: any) => unknown) {
  return (body: string) => {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: Array<{ message: string }> };
    if (parsed.errors) return `error: ${parsed.errors[0].message}`;
    return read(parsed.data);
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      conversations: { type: 'string', default: '20000' },
      duration: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '8,32' },
      profile: { type: 'string' },
      'show-statements': { type: 'boolean', default: false },
    },
  });
  const conversations = Number(values.conversations);
  const duration = Number(values.duration);
  const warmup = Number(values.warmup);
  const rounds = Number(values.rounds);
  const connectionCounts = String(values.connections).split(',').map(Number);
  for (const [name, value] of Object.entries({ conversations, duration, rounds })) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  }
  const dataDir = path.resolve(ROOT, process.env.BENCH_DATA_DIR ?? '.bench-data', `api-${conversations}`);
  const pgPort = Number(process.env.BENCH_PG_PORT ?? 54396);
  const basePort = Number(process.env.BENCH_PORT ?? 4396);
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PG_PORT: String(pgPort), DATABASE_URL: '', APP_DATABASE_URL: '' });

  process.stdout.write('building the service (npm run build)…\n');
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  const db = await withStatementStatistics(() => openDatabase(config, () => undefined));
  const children: ChildProcess[] = [];
  try {
    let [account] = await db.owner.query('SELECT id::text AS id FROM accounts ORDER BY id LIMIT 1');
    if (!account) {
      process.stdout.write(`seeding ${conversations} conversations per demo account into ${dataDir}…\n`);
      [account] = await seedDemoData(db.owner, { now: new Date(), conversationsPerAccount: conversations });
    }
    const accountId = String(account.id);
    const [{ messages, conversations: conversationCount }] = await db.owner.query(
      `SELECT (SELECT count(*) FROM messages WHERE account_id = $1)::int AS messages,
              (SELECT count(*) FROM conversations WHERE account_id = $1)::int AS conversations`,
      [accountId],
    );
    const [{ inbox }] = await db.owner.query(
      `SELECT inbox_id::text AS inbox FROM conversations WHERE account_id = $1 GROUP BY inbox_id ORDER BY count(*) DESC, inbox_id LIMIT 1`,
      [accountId],
    );
    const { key } = await withTenant(db.owner, accountId, (runner) =>
      createApiKey(runner, { accountId, role: 'analyst', name: 'bench:api' }),
    );
    const ownerUrl = (db.owner.options as { url: string }).url;
    const runtimeUrl = (db.runtime.options as { url: string }).url;
    const [{ postmaster }] = await db.owner.query(`SELECT pg_read_file('postmaster.pid') AS postmaster`);
    const postmasterPid = Number(String(postmaster).split('\n')[0]);

    // The report pages' filter: the last 30 days in the account's own zone, named as a BI client
    // names it (without a zone the API reads the account's, one statement more).
    const [{ zone }] = await db.owner.query('SELECT time_zone AS zone FROM accounts WHERE id = $1', [accountId]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const from = new Date(Date.parse(tomorrow) - 30 * 86_400_000).toISOString().slice(0, 10);
    const statements: Record<string, { text: string; values: unknown[] }> = {};
    for (const reportKey of REPORTS) {
      const report = catalog.find((r) => r.key === reportKey);
      if (!report) throw new Error(`no report ${reportKey} in the catalog`);
      statements[reportKey] = await withTenant(db.runtime, accountId, async (runner) => {
        const resolved = await resolveReportFilter(
          runner.manager,
          report,
          { from: { text: from, hasOffset: false }, to: { text: tomorrow, hasOffset: false }, timeZone: zone },
          { maxRangeDays: config.reportMaxRangeDays, fieldPrefix: 'filter' },
        );
        const { text, values: parameters } = compilePage(report, resolved, {
          fields: report.columns.map((c) => c.field),
          after: null,
          limit: 101,
        });
        return { text, values: parameters };
      });
    }
    const statementsFile = path.join(dataDir, 'report-statements.json');
    fs.writeFileSync(statementsFile, JSON.stringify(statements));

    const apiPort = basePort;
    const postgraphilePort = basePort + 1;
    const sqlPort = basePort + 2;
    // --profile DIR: the API writes a V8 CPU profile of the whole run there when it stops.
    const profile = values.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(values.profile)] : [];
    const api = start('api', [...profile, 'dist/src/index.js'], {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      DATABASE_URL: ownerUrl,
      APP_DB_PASSWORD: RUNTIME_PASSWORD,
      SEED_DEMO: 'false',
      EXPORT_WORKER: 'false',
      INGEST_WORKER: 'false',
      LOG_LEVEL: 'warn',
      // One key drives every connection here; the per-key limits are measured by the tests and bench:fairness.
      RATE_LIMIT_PER_SECOND: '100000',
      RATE_LIMIT_BURST: '100000',
      REQUESTS_IN_FLIGHT_PER_KEY: '1000',
      REQUESTS_IN_FLIGHT_PER_ACCOUNT: '1000',
    });
    const peerEnv = { NODE_ENV: 'production', PEER_DATABASE_URL: runtimeUrl, PEER_ACCOUNT_ID: accountId };
    const postgraphile = start('postgraphile', ['--import', 'tsx', 'scripts/bench-api/postgraphile-peer.ts'], {
      ...peerEnv,
      PEER_PORT: String(postgraphilePort),
    });
    const sqlPeer = start('sql', ['--import', 'tsx', 'scripts/bench-api/sql-peer.ts'], {
      ...peerEnv,
      PEER_PORT: String(sqlPort),
      PEER_STATEMENTS: statementsFile,
    });
    children.push(api, postgraphile, sqlPeer);
    await waitUntilUp(`http://127.0.0.1:${apiPort}/healthz`, api, 120_000);
    await waitUntilUp(`http://127.0.0.1:${postgraphilePort}/graphql`, postgraphile, 120_000);
    await waitUntilUp(`http://127.0.0.1:${sqlPort}/`, sqlPeer, 60_000);

    const apiTarget = (query: string, rows: (data: any) => unknown, variables?: Record<string, unknown>): Target => ({
      label: 'API',
      pid: () => api.pid as number,
      url: `http://127.0.0.1:${apiPort}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(variables ? { query, variables } : { query }),
      rows: graphqlRows(rows),
    });
    const pairs: Pair[] = entityQueries(inbox).map((q) => ({
      name: q.name,
      peerName: 'PostGraphile',
      api: apiTarget(q.api, q.apiRows),
      peer: {
        label: 'PostGraphile',
        pid: () => postgraphile.pid as number,
        url: `http://127.0.0.1:${postgraphilePort}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: q.peer, variables: q.peer.includes('$accountId') ? { accountId, inboxId: inbox } : {} }),
        rows: graphqlRows(q.peerRows),
      },
    }));
    for (const reportKey of REPORTS) {
      const report = catalog.find((r) => r.key === reportKey)!;
      const field = reportQueryField(reportKey);
      const columns = report.columns.map((c) => c.field);
      // Values as text on both sides: the page's SQL gives PostgreSQL's types and lower-case enum
      // values, GraphQL its scalars and enum names.
      const plain = (row: Record<string, unknown>) =>
        columns.map((c) =>
          row[c] === null ? null : String(row[c] instanceof Date ? (row[c] as Date).toISOString() : row[c]).toLowerCase(),
        );
      const peer: Target = {
        label: 'SQL',
        pid: () => sqlPeer.pid as number,
        url: `http://127.0.0.1:${sqlPort}/${reportKey}`,
        method: 'GET',
        headers: {},
        rows: (body) => (JSON.parse(body) as { rows: Array<Record<string, unknown>> }).rows.slice(0, 100).map(plain),
      };
      const name = `${field}(first: 100), all columns, last 30 days in ${zone}`;
      pairs.push({
        name,
        peerName: 'its own SQL',
        api: apiTarget(
          `{ ${field}(filter: { from: "${from}", to: "${tomorrow}", timeZone: "${zone}" }, first: 100) { nodes { ${columns.join(' ')} } } }`,
          (data) => data[field].nodes.map(plain),
        ),
        peer,
      });
      // As BI clients send it: the filter and the page size as variables.
      if (reportKey === REPORTS[0])
        pairs.push({
          name: `${name}, as variables`,
          peerName: 'its own SQL',
          api: apiTarget(
            `query ($filter: ReportFilter!, $first: Int!) { ${field}(filter: $filter, first: $first) { nodes { ${columns.join(' ')} } } }`,
            (data) => data[field].nodes.map(plain),
            { filter: { from, to: tomorrow, timeZone: zone }, first: 100 },
          ),
          peer,
        });
    }

    process.stdout.write(`checking that each pair returns the same rows…\n`);
    for (const pair of pairs) {
      const [mine, theirs] = await Promise.all([answer(pair.api), answer(pair.peer)]);
      if (typeof mine === 'string' || typeof theirs === 'string' || !isDeepStrictEqual(mine, theirs)) {
        throw new Error(
          `${pair.name}: the API and ${pair.peerName} differ:\n${JSON.stringify(mine).slice(0, 500)}\n${JSON.stringify(theirs).slice(0, 500)}`,
        );
      }
    }

    const measure = async (target: Target, connections: number, seconds: number): Promise<Measure> => {
      let errors = 0;
      let firstError: string | undefined;
      const onResponse = (status: number, body: string) => {
        if (status === 200 && !body.startsWith('{"errors"') && !body.includes('"errors":[')) return;
        errors++;
        firstError ??= `${status} ${body.slice(0, 300)}`;
      };
      await db.owner.query('SELECT pg_stat_statements_reset()');
      const pgBefore = postgresTicks(postmasterPid);
      const serverBefore = cpuTicks(target.pid());
      const result = await new Promise<autocannon.Result>((resolve, reject) =>
        autocannon(
          {
            url: target.url,
            connections,
            duration: seconds,
            requests: [{ method: target.method, headers: target.headers, body: target.body, onResponse }],
          },
          (error, outcome) => (error ? reject(error) : resolve(outcome)),
        ),
      );
      // Requests autocannon abandoned at the end still run; their statements and CPU count, so they end first.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const pgTicks = postgresTicks(postmasterPid) - pgBefore;
      const serverTicks = cpuTicks(target.pid()) - serverBefore;
      const [{ calls }] = await db.owner.query(
        `SELECT coalesce(sum(calls), 0)::int AS calls FROM pg_stat_statements WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
        [config.appDbUser],
      );
      const answered = result.requests.total + result.non2xx;
      if (values['show-statements']) {
        const byStatement: Array<{ calls: number; query: string }> = await db.owner.query(
          `SELECT calls::int AS calls, regexp_replace(left(query, 160), '\\s+', ' ', 'g') AS query FROM pg_stat_statements
            WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = $1) ORDER BY calls DESC`,
          [config.appDbUser],
        );
        for (const { calls, query } of byStatement)
          process.stdout.write(`  ${target.label} ${(calls / Math.max(answered, 1)).toFixed(2)}/req ${query}\n`);
      }
      if (firstError) process.stderr.write(`${target.label}: ${firstError}\n`);
      return {
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: errors + result.errors + result.timeouts,
        statements: calls / Math.max(answered, 1),
        pgCpuMs: (pgTicks * TICK_MS) / Math.max(answered, 1),
        serverCpuMs: (serverTicks * TICK_MS) / Math.max(answered, 1),
      };
    };

    process.stdout.write(
      `account ${accountId}: ${conversationCount} conversations, ${messages} messages; inbox ${inbox}; ` +
        `${rounds} rounds of ${duration} s per run after ${warmup} s warm-up; Node ${process.version}, ${os.cpus().length} CPUs\n`,
    );
    const results = new Map<string, { api: Measure[]; peer: Measure[] }>();
    for (let round = 0; round < rounds; round++) {
      for (const pair of pairs) {
        for (const connections of connectionCounts) {
          const id = `${pair.name}|${connections}`;
          const entry = results.get(id) ?? { api: [], peer: [] };
          results.set(id, entry);
          // Who goes first alternates, so neither always runs on a machine the other just heated.
          const order: Array<'api' | 'peer'> = round % 2 === 0 ? ['api', 'peer'] : ['peer', 'api'];
          for (const side of order) {
            if (round === 0 && warmup > 0) await measure(pair[side], connections, warmup);
            entry[side].push(await measure(pair[side], connections, duration));
          }
          process.stdout.write(
            `round ${round + 1}: ${pair.name} × ${connections}: API ${entry.api.at(-1)!.rps.toFixed(0)} req/s, ${pair.peerName} ${entry.peer.at(-1)!.rps.toFixed(0)} req/s\n`,
          );
        }
      }
    }

    const cell = (values: Measure[], pick: (m: Measure) => number, digits: number) => median(values.map(pick)).toFixed(digits);
    const lines = [
      '',
      '| query | conn | API req/s | peer req/s | ratio | p50 ms API / peer | p99 ms API / peer | errors API / peer | statements/req API / peer | PG CPU ms/req API / peer | server CPU ms/req API / peer |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    for (const pair of pairs) {
      for (const connections of connectionCounts) {
        const { api: a, peer: p } = results.get(`${pair.name}|${connections}`)!;
        const ratio = median(a.map((m, i) => m.rps / p[i].rps));
        const both = (pick: (m: Measure) => number, digits: number) => `${cell(a, pick, digits)} / ${cell(p, pick, digits)}`;
        lines.push(
          `| ${pair.name} (peer: ${pair.peerName}) | ${connections} | ${cell(a, (m) => m.rps, 0)} | ${cell(p, (m) => m.rps, 0)} | ${ratio.toFixed(2)} | ${both((m) => m.p50, 0)} | ${both((m) => m.p99, 0)} | ${a.reduce((s, m) => s + m.errors, 0)} / ${p.reduce((s, m) => s + m.errors, 0)} | ${both((m) => m.statements, 1)} | ${both((m) => m.pgCpuMs, 2)} | ${both((m) => m.serverCpuMs, 2)} |`,
        );
      }
    }
    const apiRss = peakRssMegabytes(api.pid as number);
    const postgraphileRss = peakRssMegabytes(postgraphile.pid as number);
    lines.push(
      '',
      `peak RSS: API ${apiRss.toFixed(0)} MB, PostGraphile ${postgraphileRss.toFixed(0)} MB (ratio ${(apiRss / postgraphileRss).toFixed(2)}), own-SQL server ${peakRssMegabytes(sqlPeer.pid as number).toFixed(0)} MB`,
      '',
    );
    process.stdout.write(lines.join('\n'));
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)))),
    );
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:api failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
