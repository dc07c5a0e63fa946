import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { generateApiKey } from '../src/auth/api-keys';
import { catalog } from '../src/catalog';
import { reportQueryField } from '../src/catalog/naming';

/**
 * Load benchmark (not a test): boots the real server (`src/index.ts`) in a child process on its own
 * embedded PostgreSQL, seeded with the demo data, and drives it from this process over loopback
 * with a mix of entity and report queries. Prints req/s, latency, errors and the server's RSS
 * at the start and at the end of the measured run.
 *
 *   npm run bench:load          30 s measured after 20 s of warm-up (the heap grows to its working size), 16 connections
 *   BENCH_SECONDS=120 BENCH_WARMUP_SECONDS=30 BENCH_CONNECTIONS=32 BENCH_PORT=4399 BENCH_PG_PORT=54398 npm run bench:load
 */
const ROOT = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PORT = Number(process.env.BENCH_PORT ?? 4399);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54398);

function entityQueries(): string[] {
  return [
    `{ conversations(first: 20) { totalCount nodes { id displayId status createdAt inbox { name channelType } contact { name } assignee { name teams { name } } } } }`,
    `{ messages(first: 50) { nodes { id content createdAt sender { __typename ... on Agent { agentName: name } ... on Contact { contactName: name } } tags { name } } } }`,
    `{ agents(first: 20) { nodes { id name kind teams { name } inboxes { name } } } }`,
    `{ contacts(first: 20) { nodes { id name medium attributes { name value } conversations(first: 5) { nodes { id status } } } } }`,
    `{ account { name inboxes(first: 10) { nodes { name conversations(first: 10) { totalCount nodes { id status } } } } } }`,
  ];
}

/** Report pages over the last 30 days, every column, from the catalog itself. */
function reportQueries(): string[] {
  const keys = ['chat_summary', 'conversations_resolved', 'agent_metrics', 'messages', 'chat_conversations_by_hour'];
  return keys.map((key) => {
    const report = catalog.find((r) => r.key === key);
    if (!report) throw new Error(`no report ${key} in the catalog`);
    return `query($filter: ReportFilter!) { ${reportQueryField(key)}(filter: $filter, first: 200) { nodes { ${report.columns.map((c) => c.field).join(' ')} } } }`;
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function rssMegabytes(pid: number): number {
  return (
    Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
        .toString()
        .trim(),
    ) / 1024
  );
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('server did not become healthy in time');
}

interface Run {
  result: autocannon.Result;
  graphqlErrors: number;
  firstError: string | undefined;
}

function drive(url: string, key: string, seconds: number): Promise<Run> {
  const to = new Date();
  const from = new Date(to.getTime() - 30 * 86_400_000);
  const filter = { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
  const bodies = [...entityQueries(), ...reportQueries()].map((query) => JSON.stringify({ query, variables: { filter } }));
  let graphqlErrors = 0;
  let firstError: string | undefined;
  const onResponse = (status: number, body: string) => {
    if (status === 200 && !body.includes('"errors"')) return;
    graphqlErrors += status === 200 ? 1 : 0;
    firstError ??= `${status} ${body.slice(0, 300)}`;
  };
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}/graphql`,
        connections: CONNECTIONS,
        duration: seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        requests: bodies.map((body) => ({ method: 'POST', body, onResponse })),
      },
      (error, result) => (error ? reject(error) : resolve({ result, graphqlErrors, firstError })),
    );
  });
}

async function main(): Promise<void> {
  // Not mkdtemp: its 0700 directory would lock out the unprivileged user that embedded PostgreSQL runs as under root.
  const dataDir = path.join(os.tmpdir(), `chat-reporting-bench-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const key = generateApiKey();
  const url = `http://127.0.0.1:${PORT}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(PORT),
    DATA_DIR: dataDir,
    PG_PORT: String(PG_PORT),
    SEED_DEMO: 'true',
    DEMO_API_KEY: key,
    LOG_LEVEL: 'warn',
    // One key drives every connection here; the per-key limits are measured by the tests (and
    // bench:fairness), not here.
    RATE_LIMIT_PER_SECOND: '100000',
    RATE_LIMIT_BURST: '100000',
    REQUESTS_IN_FLIGHT_PER_KEY: '1000',
    REQUESTS_IN_FLIGHT_PER_ACCOUNT: '1000',
  };
  process.stdout.write(`starting the server on demo data (PostgreSQL in ${dataDir}, port ${PG_PORT}); seeding takes a while…\n`);
  // node --import tsx (not the tsx CLI, which forks): the child's pid is the server's, for RSS.
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  // The server logs JSON lines at warn and above; its errors until shutdown are passed on, the
  // demo key lines and what stopping the embedded PostgreSQL under it says are not.
  let stopping = false;
  readline.createInterface({ input: server.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    if (!stopping && /"level":(50|60)/.test(line)) process.stderr.write(`server: ${line}\n`);
  });
  try {
    await waitForHealth(url, server, 600_000);
    process.stdout.write(`warming up for ${WARMUP_SECONDS} s with ${CONNECTIONS} connections…\n`);
    const warmup = await drive(url, key, WARMUP_SECONDS);
    if (warmup.firstError) throw new Error(`warm-up failed: ${warmup.firstError}`);
    process.stdout.write(`measuring for ${SECONDS} s…\n`);
    // RSS swings by tens of MB with each garbage collection, so one reading proves nothing: it is
    // sampled every second and the first and last 10 s are compared by their medians.
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMegabytes(server.pid as number)), 1000);
    const { result, graphqlErrors, firstError } = await drive(url, key, SECONDS).finally(() => clearInterval(sampler));
    const window = Math.min(10, Math.floor(samples.length / 2));
    const rssBefore = median(samples.slice(0, window));
    const rssAfter = median(samples.slice(-window));
    const errors = result.non2xx + result.errors + graphqlErrors;
    const lines = [
      '',
      `load: ${entityQueries().length} entity + ${reportQueries().length} report queries in rotation, ${CONNECTIONS} connections, ${SECONDS} s (after ${WARMUP_SECONDS} s warm-up), Node ${process.version}, ${os.cpus().length} CPUs`,
      `requests:   ${result.requests.total} (${result.requests.average.toFixed(1)} req/s average)`,
      `latency:    p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `errors:     ${errors} (non-2xx ${result.non2xx}, connection ${result.errors}, timeouts ${result.timeouts}, GraphQL errors ${graphqlErrors})`,
      `server RSS: ${rssBefore.toFixed(1)} MB before (median of the first ${window} s), ${rssAfter.toFixed(1)} MB after (median of the last ${window} s): ${(rssAfter - rssBefore >= 0 ? '+' : '') + (rssAfter - rssBefore).toFixed(1)} MB; range ${Math.min(...samples).toFixed(0)}–${Math.max(...samples).toFixed(0)} MB`,
      ...(firstError ? [`first error: ${firstError}`] : []),
      '',
    ];
    process.stdout.write(lines.join('\n'));
    process.exitCode = errors === 0 ? 0 : 1;
    // Requests autocannon abandoned at the end still run; let them finish before stopping.
    await new Promise((resolve) => setTimeout(resolve, 3000));
  } finally {
    stopping = true;
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(undefined) : server.once('exit', resolve)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:load failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
