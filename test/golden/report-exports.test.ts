import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { catalog } from '../../src/catalog';
import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { csvLine, writeCsvFile } from '../../src/exports/csv-file';
import { compileCopy, ResolvedFilter } from '../../src/reports/compiler';
import { seedDemoData, SeededAccount } from '../../src/seed/demo-data';

/**
 * Golden files: every report's CSV export over the demo data at a fixed `now`, in each demo
 * account's own zone and language, compared byte for byte with the files under `golden/`. They
 * guard the numbers through rewrites of the report SQL (rollups, indexes, a new write path).
 * CI never writes them: `UPDATE_GOLDEN=1 npx jest test/golden` does, on purpose, and the diff is
 * read before it is committed.
 */
const NOW = new Date('2026-11-20T15:00:00Z');
const FROM = new Date(NOW.getTime() - 60 * 86_400_000);
const GOLDEN_DIR = path.join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** Its own database, so ids are drawn from fresh sequences whatever other test files ran first. */
const DATABASE = 'golden_exports';

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('CSV exports of every report over the demo data (golden files)', () => {
  let db: Database;
  let pool: Pool;
  let accounts: SeededAccount[];
  let workDir: string;

  beforeAll(async () => {
    const server = process.env.DATABASE_URL as string;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl(server, DATABASE) });
    db = await openDatabase(config, () => undefined);
    accounts = await seedDemoData(db.owner, { now: NOW, conversationsPerAccount: 60 });
    pool = new Pool({ connectionString: (db.runtime.options as { url: string }).url, max: 2 });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-'));
  }, 180_000);

  afterAll(async () => {
    await pool?.end();
    await db?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function exportCsv(reportKey: string, account: SeededAccount): Promise<Buffer> {
    const report = catalog.find((r) => r.key === reportKey)!;
    const locale = account.locale === 'pt-BR' ? 'ptBR' : 'en';
    const delimiter = locale === 'ptBR' ? ';' : ',';
    const filter: ResolvedFilter = {
      from: FROM,
      to: NOW,
      timeZone: account.timeZone,
      asOf: NOW,
      inboxIds: null,
      channelTypes: null,
      teamIds: null,
      agentIds: null,
    };
    const fields = report.columns.map((c) => c.field);
    const file = path.join(workDir, `${account.id}-${reportKey}.csv`);
    const client = await pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await client.query(`SELECT set_config('app.account_id', $1, true), set_config('TimeZone', $2, true)`, [account.id, account.timeZone]);
      await writeCsvFile({
        client,
        copy: compileCopy(report, filter, { fields, locale, delimiter }),
        header: csvLine(
          report.columns.map((c) => c.header[locale]),
          delimiter,
        ),
        bom: locale === 'ptBR',
        gzip: false,
        file,
        signal: new AbortController().signal,
      });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    return fs.readFileSync(file);
  }

  const cases = catalog.flatMap((report) => [1, 2].map((number) => [report.key, number] as const));

  it.each(cases)('%s, demo account %i', async (reportKey, number) => {
    const account = accounts[number - 1];
    const golden = path.join(GOLDEN_DIR, `${reportKey}.account-${number}.csv`);
    const actual = await exportCsv(reportKey, account);
    if (UPDATE) {
      fs.mkdirSync(GOLDEN_DIR, { recursive: true });
      fs.writeFileSync(golden, actual);
    }
    const expected = fs.readFileSync(golden);
    // A header and at least one data row: an empty golden file would guard nothing.
    expect(expected.toString('utf8').split('\n').filter(Boolean).length).toBeGreaterThan(1);
    if (!actual.equals(expected)) {
      // Name the first line that differs, so a failure says which row moved.
      const [a, e] = [actual, expected].map((b) => b.toString('utf8').split('\n'));
      const line = a.findIndex((text, i) => text !== e[i]);
      expect({ line: line + 1, text: a[line] }).toEqual({ line: line + 1, text: e[line] });
    }
    expect(actual.equals(expected)).toBe(true);
  });
});
