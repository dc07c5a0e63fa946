import { catalog } from '../../src/catalog';
import { CompiledQuery, compileCount, compileCsv, compilePage, ResolvedFilter } from '../../src/reports/compiler';
import { Database } from '../../src/db/database';
import { installIngestQueues } from '../../src/ingest/queue';
import { installJobQueue } from '../../src/exports/queue';
import { openOwnDatabase } from '../support/own-database';
import { buildReportFixture, ReportFixture } from './fixture';
import { executedPlan, fixtureDayFilter, PlanNode, scansOf } from './plans';

/**
 * How the messages report reaches current tags, read from PostgreSQL's own plans on the fixture:
 * a page looks them up once per row, an export aggregates them in one pass, a count leaves them
 * out (they never change how many rows there are). In a database of its own: which of the first two
 * PostgreSQL picks depends on the statistics of `message_tags`, which other files' rows would move.
 */
describe('current tags in the messages report plans', () => {
  let db: Database;
  let f: ReportFixture;
  const report = catalog.find((r) => r.key === 'messages')!;
  let filter: ResolvedFilter;

  beforeAll(async () => {
    db = await openOwnDatabase('label_plans');
    await installJobQueue(db.owner);
    await installIngestQueues(db.owner);
    f = await buildReportFixture(db);
    filter = fixtureDayFilter();
  });

  afterAll(async () => {
    await db?.close();
  });

  async function tagScans(query: CompiledQuery): Promise<PlanNode[]> {
    return scansOf(await executedPlan(db, f.accountId, query), 'message_tags');
  }

  const loops = (scans: PlanNode[]) => scans.reduce((sum, scan) => sum + (scan['Actual Loops'] ?? 0), 0);

  it('looks tags up once per row of a page', async () => {
    // 15 messages on the day (reports.test.ts: 14 chat rows + the deleted y4)
    expect(loops(await tagScans(compilePage(report, filter, { fields: ['messageId', 'tagNames'], after: null, limit: 101 })))).toBe(15);
  });

  it('reads tag applications once for a whole export', async () => {
    const csv = compileCsv(report, filter, { fields: report.columns.map((c) => c.field), locale: 'en', delimiter: ',' });
    expect(loops(await tagScans(csv))).toBe(1);
  });

  it('leaves tags out of a count', async () => {
    expect(await tagScans(compileCount(report, filter))).toEqual([]);
  });
});
