import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { generateApiKey } from '../src/auth/api-keys';

/**
 * Fairness benchmark (not a test): boots the real server (`src/index.ts`) in a child process on
 * its own embedded PostgreSQL with the two demo accounts, and measures one tenant's small query
 * (`{ account { name } }`, one at a time) first alone, then while the other account's key attacks
 * as in issue 16: PARALLEL loops, each sending the heaviest report request the cost limit admits
 * (15 aliased virtualAgentMetricsReport with totalCount over the demo's 60 days) again as soon as
 * the previous one is answered, refused or not. Prints the tenant's p50/p99 in both phases and
 * what the attacker got back.
 *
 *   npm run bench:fairness
 *   BENCH_SECONDS=30 BENCH_PARALLEL=30 BENCH_PORT=55310 BENCH_PG_PORT=55311 npm run bench:fairness
 */
const ROOT = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 30);
const PORT = Number(process.env.BENCH_PORT ?? 55310);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 55311);
const TARGET_P99_MS = 1000;

const SMALL = JSON.stringify({ query: '{ account { name } }' });

function attackBody(): string {
  const to = new Date(Date.now() + 86_400_000);
  const from = new Date(to.getTime() - 61 * 86_400_000);
  const fields = Array.from(
    { length: 15 },
    (_, i) => `r${i}: virtualAgentMetricsReport(filter: $f) { totalCount nodes { channel totalConversations } }`,
  );
  return JSON.stringify({
    query: `query($f: ReportFilter!) { ${fields.join(' ')} }`,
    variables: { f: { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) } },
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function post(url: string, key: string, body: string): Promise<{ status: number; code: string }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body,
  });
  const text = await response.text();
  const code = /"code":"([A-Z_]+)"/.exec(text)?.[1] ?? 'OK';
  const reason = /"reason":"([A-Z_]+)"/.exec(text)?.[1];
  return { status: response.status, code: reason ? `${code}/${reason}` : code };
}

/** The tenant's small query, one at a time, for `seconds`; its latencies in ms. */
async function tenantLoop(url: string, key: string, seconds: number): Promise<{ latencies: number[]; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const started = performance.now();
    const { status, code } = await post(url, key, SMALL);
    latencies.push(performance.now() - started);
    if (status !== 200 || code !== 'OK') failures++;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { latencies, failures };
}

async function attackLoops(url: string, key: string, seconds: number): Promise<Map<string, number>> {
  const outcomes = new Map<string, number>();
  const body = attackBody();
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (Date.now() < end) {
        const { status, code } = await post(url, key, body).catch(() => ({ status: 0, code: 'CONNECTION_ERROR' }));
        const label = `${status} ${code}`;
        outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
      }
    }),
  );
  return outcomes;
}

async function waitForKeys(lines: readline.Interface, server: ReturnType<typeof spawn>, url: string): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  lines.on('line', (line) => {
    const match = /^Demo API key for account (\d+) \(.*\): (\S+)$/.exec(line);
    if (match) keys.set(match[1], match[2]);
  });
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok && keys.size >= 2) return keys;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('server did not become healthy with two demo keys in time');
}

function summary(label: string, run: { latencies: number[]; failures: number }): string {
  const { latencies, failures } = run;
  return `${label.padEnd(34)} ${String(latencies.length).padStart(5)} requests  p50 ${percentile(latencies, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(latencies, 99).toFixed(1).padStart(7)} ms  max ${Math.max(
    ...latencies,
  )
    .toFixed(1)
    .padStart(7)} ms  failed ${failures}`;
}

async function main(): Promise<void> {
  // Not mkdtemp: its 0700 directory would lock out the unprivileged user that embedded PostgreSQL runs as under root.
  const dataDir = path.join(os.tmpdir(), `chat-reporting-bench-fairness-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
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
    DEMO_API_KEY: generateApiKey(),
    LOG_LEVEL: 'warn',
    EXPORT_WORKER: 'false',
    // The limits under test can be tried at other values: REQUESTS_IN_FLIGHT_PER_KEY=4 npm run bench:fairness.
    ...Object.fromEntries(
      Object.entries(process.env).filter(([name]) => /^(REQUEST|DB_POOL_|STATEMENT_TIMEOUT_MS$|GRAPHQL_MAX_COST$)/.test(name)),
    ),
  };
  process.stdout.write(`starting the server on demo data (PostgreSQL in ${dataDir}, port ${PG_PORT}); seeding takes a while…\n`);
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let stopping = false;
  const output = readline.createInterface({ input: server.stdout as NodeJS.ReadableStream });
  output.on('line', (line) => {
    if (!stopping && /"level":(50|60)/.test(line)) process.stderr.write(`server: ${line}\n`);
  });
  try {
    const keys = await waitForKeys(output, server, url);
    const [attackerKey, tenantKey] = [...keys.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, key]) => key);
    const single = performance.now();
    const alone = await post(url, attackerKey, attackBody());
    const singleMs = performance.now() - single;
    process.stdout.write(`one attack request alone: ${singleMs.toFixed(0)} ms (${alone.status} ${alone.code})\n`);
    await tenantLoop(url, tenantKey, 2);
    process.stdout.write(`quiet phase: ${SECONDS} s…\n`);
    const quiet = await tenantLoop(url, tenantKey, SECONDS);
    process.stdout.write(`attack phase: ${SECONDS} s, ${PARALLEL} parallel loops of the attacker's key…\n`);
    const [attacked, outcomes] = await Promise.all([tenantLoop(url, tenantKey, SECONDS), attackLoops(url, attackerKey, SECONDS)]);
    const p99 = percentile(attacked.latencies, 99);
    const report = [
      '',
      `fairness: other tenant's { account { name } } (one at a time, 50 ms apart) alone and during ${PARALLEL} parallel attack loops, ${SECONDS} s each, Node ${process.version}, ${os.cpus().length} CPUs`,
      summary('other tenant, quiet', quiet),
      summary('other tenant, during the attack', attacked),
      `p99 ratio (attack / quiet): ${(p99 / percentile(quiet.latencies, 99)).toFixed(2)}; p99 during the attack ${p99.toFixed(1)} ms (target < ${TARGET_P99_MS} ms): ${p99 < TARGET_P99_MS ? 'met' : 'NOT met'}`,
      `attacker's answers: ${[...outcomes.entries()]
        .sort(([, a], [, b]) => b - a)
        .map(([label, n]) => `${label} ×${n}`)
        .join(', ')}`,
      '',
    ];
    process.stdout.write(report.join('\n'));
    process.exitCode = p99 < TARGET_P99_MS && attacked.failures === 0 ? 0 : 1;
  } finally {
    stopping = true;
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(undefined) : server.once('exit', resolve)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:fairness failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
