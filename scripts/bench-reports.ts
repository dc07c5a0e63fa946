import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { createApiKey } from '../src/auth/api-keys';
import { catalog } from '../src/catalog';
import { reportQueryField } from '../src/catalog/naming';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { withTenant } from '../src/db/tenant-transaction';
import { buildGraphQLSchema } from '../src/graphql/schema';
import { createLogger } from '../src/logger';
import { csvLine, writeCsvFile } from '../src/exports/csv-file';
import { compileCopy, compilePage } from '../src/reports/compiler';
import { resolveReportFilter } from '../src/reports/filter';
import { finishDemoSeed, seedDemoData } from '../src/seed/demo-data';
import { createApp } from '../src/server';

/**
 * Report benchmark (not a test, issue 17): seeds the demo accounts with `--conversations N` each
 * into a data directory of its own (once per size; later runs reuse it), serves the API in this
 * process and prints, for each report of the catalog and a 30- and a 366-day range ending today
 * (America/Sao_Paulo), the median of 5 sequential requests of: the first page (`first: 100`, every
 * column) over GraphQL, the page's own compiled SELECT run directly in a tenant transaction, and
 * `totalCount` over GraphQL; then the CSV export of each aggregated report for 366 days (one run,
 * COPY to a file as the export worker writes it), and the size of the derived tables beside the
 * messages table.
 *
 *   npm run bench:reports                              400 conversations per account
 *   npm run bench:reports -- --conversations 20000     BENCH_PG_PORT=54397 BENCH_DATA_DIR=.bench-data
 *   npm run bench:reports -- --reports messages,tags   only these reports
 *   npm run bench:reports -- --conversations 1000000 --accounts 1   only the first demo account (São Paulo)
 *
 * A seed stopped while applying its log (the largest sets take hours) is finished by the next run.
 */
const RUNS = 5;
const RANGES = [30, 366];
const TIME_ZONE = 'America/Sao_Paulo';
const ROOT = path.resolve(__dirname, '..');
/** The reports that aggregate the range into few rows: what a supervisor exports whole. */
const AGGREGATED = [
  'chat_summary',
  'chat_conversations_by_hour',
  'contacts',
  'contact_attributes',
  'topics',
  'tags',
  'teams',
  'agent_metrics',
  'virtual_agent_metrics',
  'agent_presence',
  'chat_users',
];
/** Tables derived from the others for the reports (issue 17). */
const DERIVED_TABLES = ['report_id_floors', 'message_buckets', 'message_counts', 'conversation_firsts', 'lock_sessions', 'human_replies'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median of the ms `run` reports over `RUNS` runs after one warm-up, or the error code that stopped it (e.g. TIMEOUT). */
async function timed(run: () => Promise<number>): Promise<string> {
  try {
    await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await run());
    return median(times).toFixed(1);
  } catch (error) {
    // PostgreSQL's query_canceled, as the API reports it.
    return (error as { code?: string }).code === '57014' ? 'TIMEOUT' : (error as Error).message;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { conversations: { type: 'string', default: '400' }, accounts: { type: 'string' }, reports: { type: 'string' } },
  });
  const conversations = Number(values.conversations);
  const accounts = values.accounts === undefined ? undefined : Number(values.accounts);
  const only = values.reports?.split(',');
  const reports = only ? catalog.filter((r) => only.includes(r.key)) : catalog;
  if (!Number.isInteger(conversations) || conversations < 1) throw new Error('--conversations must be a positive integer');
  const dataDir = path.resolve(
    ROOT,
    process.env.BENCH_DATA_DIR ?? '.bench-data',
    `reports-${conversations}${accounts === undefined ? '' : `-accounts-${accounts}`}`,
  );
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    PG_PORT: process.env.BENCH_PG_PORT ?? '54397',
    // One key sends every request here; the per-key limits are not what this measures.
    RATE_LIMIT_PER_SECOND: '100000',
    RATE_LIMIT_BURST: '100000',
  });
  const db = await openDatabase(config, () => undefined);
  try {
    let [account] = await db.owner.query('SELECT id::text AS id FROM accounts ORDER BY id LIMIT 1');
    if (!account) {
      process.stdout.write(`seeding ${conversations} conversations per demo account into ${dataDir}…\n`);
      const started = performance.now();
      [account] = await seedDemoData(db.owner, { now: new Date(), conversationsPerAccount: conversations, accounts });
      process.stdout.write(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    } else {
      const applied = await finishDemoSeed(db.owner, account.id);
      if (applied > 0) process.stdout.write(`applied the ${applied} events an earlier seed left pending\n`);
    }
    // A migration that just built a derived table leaves it unvacuumed: its index-only scans would visit the heap until autovacuum
    // came round, which a running service's tables have long had.
    await db.owner.query(`VACUUM (ANALYZE) ${DERIVED_TABLES.join(', ')}`);
    const [{ messages }] = await db.owner.query('SELECT count(*)::int AS messages FROM messages WHERE account_id = $1', [account.id]);
    const { key } = await withTenant(db.owner, account.id, (runner) =>
      createApiKey(runner, { accountId: account.id, role: 'analyst', name: 'bench:reports' }),
    );
    const app = await createApp({ schema: await buildGraphQLSchema(), runtime: db.runtime, logger: createLogger('warn'), config });
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}/graphql`;
    const graphql = async (query: string, variables: Record<string, unknown>) => {
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      if (body.errors) throw new Error(body.errors[0].extensions?.code ?? 'ERROR');
      return performance.now() - started;
    };

    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    process.stdout.write(
      `account ${account.id}: ${messages} messages; ${RUNS} sequential runs each, medians in ms, ranges ending ${today} (${TIME_ZONE})\n\n`,
    );
    process.stdout.write(`| report | ${RANGES.map((d) => `page ${d} d | SQL ${d} d | count ${d} d`).join(' | ')} |\n`);
    process.stdout.write(`| --- | ${RANGES.map(() => '---: | ---: | ---:').join(' | ')} |\n`);
    for (const report of reports) {
      const field = reportQueryField(report.key);
      const columns = report.columns.map((c) => c.field).join(' ');
      const cells: string[] = [];
      for (const days of RANGES) {
        const from = new Date(Date.parse(tomorrow) - days * 86_400_000).toISOString().slice(0, 10);
        const filter = { from, to: tomorrow, timeZone: TIME_ZONE };
        cells.push(
          await timed(() =>
            graphql(`query($filter: ReportFilter!) { ${field}(filter: $filter, first: 100) { nodes { ${columns} } } }`, { filter }),
          ),
        );
        cells.push(
          await timed(() =>
            withTenant(db.runtime, account.id, async (runner) => {
              const resolved = await resolveReportFilter(
                runner.manager,
                report,
                { from: { text: from, hasOffset: false }, to: { text: tomorrow, hasOffset: false }, timeZone: TIME_ZONE },
                { maxRangeDays: config.reportMaxRangeDays, fieldPrefix: 'filter' },
              );
              const page = compilePage(report, resolved, { fields: report.columns.map((c) => c.field), after: null, limit: 101 });
              // The API's limit, so that a statement past it costs one timeout, not six.
              await runner.query(`SELECT set_config('statement_timeout', $1, true)`, [String(config.security.statementTimeoutMs)]);
              // Only the statement itself is its SQL time; the filter's checks are the API's.
              const started = performance.now();
              await runner.query(page.text, page.values);
              return performance.now() - started;
            }),
          ),
        );
        cells.push(
          await timed(() => graphql(`query($filter: ReportFilter!) { ${field}(filter: $filter, first: 1) { totalCount } }`, { filter })),
        );
      }
      process.stdout.write(`| ${report.key} | ${cells.join(' | ')} |\n`);
    }
    const pool = new Pool({ connectionString: (db.runtime.options as { url: string }).url, max: 1 });
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reports-'));
    const from = new Date(Date.parse(tomorrow) - 366 * 86_400_000).toISOString().slice(0, 10);
    process.stdout.write(`\nCSV export, 366 days (one run):\n\n| report | seconds | rows | MB |\n| --- | ---: | ---: | ---: |\n`);
    for (const report of reports.filter((r) => AGGREGATED.includes(r.key))) {
      const client = await pool.connect();
      try {
        const filter = await withTenant(db.runtime, account.id, (runner) =>
          resolveReportFilter(
            runner.manager,
            report,
            { from: { text: from, hasOffset: false }, to: { text: tomorrow, hasOffset: false }, timeZone: TIME_ZONE },
            { maxRangeDays: config.reportMaxRangeDays, fieldPrefix: 'filter' },
          ),
        );
        const fields = report.columns.map((c) => c.field);
        const started = performance.now();
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        await client.query(`SELECT set_config('app.account_id', $1, true), set_config('TimeZone', $2, true)`, [account.id, TIME_ZONE]);
        const result = await writeCsvFile({
          client,
          copy: compileCopy(report, filter, { fields, locale: 'en', delimiter: ',' }),
          header: csvLine(
            report.columns.map((c) => c.header.en),
            ',',
          ),
          bom: false,
          gzip: false,
          file: path.join(workDir, `${report.key}.csv`),
          signal: new AbortController().signal,
        });
        await client.query('COMMIT');
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        process.stdout.write(`| ${report.key} | ${seconds} | ${result.rowCount} | ${(result.byteSize / 1e6).toFixed(1)} |\n`);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        process.stdout.write(`| ${report.key} | ${(error as Error).message} | | |\n`);
      } finally {
        client.release();
      }
    }
    await pool.end();
    fs.rmSync(workDir, { recursive: true, force: true });

    const sizes: Array<{ name: string; mb: string; rows: string }> = await db.owner.query(
      `SELECT c.relname AS name, round(pg_total_relation_size(c.oid) / 1e6, 1)::text AS mb, CASE WHEN c.reltuples < 0 THEN 'not analysed' ELSE c.reltuples::bigint::text END AS rows
         FROM pg_class c WHERE c.relname = ANY($1::text[]) ORDER BY c.relname`,
      [['messages', ...DERIVED_TABLES]],
    );
    process.stdout.write(`\nTable sizes (all accounts, indexes included):\n\n| table | MB | rows (estimate) |\n| --- | ---: | ---: |\n`);
    for (const size of sizes) process.stdout.write(`| ${size.name} | ${size.mb} | ${size.rows} |\n`);
    await app.apollo.stop();
    await new Promise<void>((resolve) => app.httpServer.close(() => resolve()));
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
