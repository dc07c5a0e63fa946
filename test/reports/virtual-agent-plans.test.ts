import { catalog } from '../../src/catalog';
import { withTenant } from '../../src/db/tenant-transaction';
import { compileCount, compilePage, ResolvedFilter } from '../../src/reports/compiler';
import { startTestApp, TestApp } from '../support/app';
import { buildReportFixture, ReportFixture } from './fixture';
import { executedPlan, fixtureDayFilter, nodesOf, PlanNode, scansOf } from './plans';

/**
 * The tagging aggregate of virtual_agent_metrics (every message of the bot's conversations joined
 * to their tags) must run once per statement. Under-estimated activity rows once made PostgreSQL put
 * it on the inner side of a nested loop, recomputed for every activity row: a count over 30 days of
 * the demo data never finished (issue 17).
 */
describe('virtual_agent_metrics computes its tagging at most once', () => {
  let app: TestApp;
  let f: ReportFixture;
  const report = catalog.find((r) => r.key === 'virtual_agent_metrics')!;
  let filter: ResolvedFilter;

  beforeAll(async () => {
    app = await startTestApp();
    f = await buildReportFixture(app.db);
    filter = fixtureDayFilter();
  });

  afterAll(async () => {
    await app.close();
  });

  /** How many times the aggregate nearest above the message_tags scan ran. */
  function taggingRuns(plan: PlanNode): number[] {
    return nodesOf(plan)
      .filter(({ node }) => node['Relation Name'] === 'message_tags')
      .map(({ ancestors }) => [...ancestors].reverse().find((n) => n['Node Type'] === 'Aggregate')!['Actual Loops']!);
  }

  it('in a count, which needs no tagging at all', async () => {
    // it once ran for each of the bot's 7 activity rows on the day: x2, v2, u2, two handovers, a resolution, a topic
    expect(taggingRuns(await executedPlan(app.db, f.accountId, compileCount(report, filter)))).toEqual([]);
  });

  it('in a page', async () => {
    const fields = report.columns.map((c) => c.field);
    expect(taggingRuns(await executedPlan(app.db, f.accountId, compilePage(report, filter, { fields, after: null, limit: 101 })))).toEqual([
      1,
    ]);
  });

  /**
   * Its activity once read every message and event of the range and dropped the humans' at the
   * agents join (1.08M rows for 30 days at 1M conversations, issue 17); it now reads the bot's
   * alone, through the (agent, time) indexes: nothing read is filtered out.
   */
  it('reads only the virtual agents’ messages and events of the range', async () => {
    const plan = await withTenant(app.db.runtime, f.accountId, async (runner) => {
      // On the fixture's few rows PostgreSQL could read the tables whole; at scale that way in is priced out.
      await runner.query('SET LOCAL enable_seqscan = off');
      const query = compileCount(report, filter);
      const [row] = await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`, query.values);
      return row['QUERY PLAN'][0].Plan as PlanNode;
    });
    const scans = ['messages', 'conversation_events'].flatMap((table) => scansOf(plan, table));
    expect(scans.map((node) => [node['Relation Name'], node['Rows Removed by Filter'] ?? 0])).toEqual([
      ['messages', 0],
      ['conversation_events', 0],
    ]);
    const indexes = nodesOf(plan).map(({ node }) => node['Index Name']);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'messages_account_id_sender_agent_id_created_at_idx',
        'conversation_events_account_id_agent_id_occurred_at_idx',
      ]),
    );
  });
});
