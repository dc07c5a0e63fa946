import { catalog } from '../../src/catalog';
import { compileCount, compilePage, ResolvedFilter } from '../../src/reports/compiler';
import { startTestApp, TestApp } from '../support/app';
import { buildReportFixture, ReportFixture } from './fixture';
import { executedPlan, fixtureDayFilter, nodesOf, PlanNode } from './plans';

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
});
