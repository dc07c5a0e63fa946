import { catalog } from '../../src/catalog';
import { compilePage, ResolvedFilter } from '../../src/reports/compiler';
import { startTestApp, TestApp } from '../support/app';
import { buildReportFixture, ReportFixture } from './fixture';
import { executedPlan, fixtureDayFilter, nodesOf, PlanNode, scansOf } from './plans';

/**
 * teams and agent_metrics aggregate a range's replies, resolutions and locks. Each of those once
 * looked its messages and events up again per row (first response per replied conversation, the
 * reply and first inbound message per resolution, a reply and a resolution per lock): at 200k
 * conversations a 366-day export took 42 s (issue 17). Now each input is read in one pass and
 * joined; no subplan that runs per row reads messages or conversation events. The filter's inboxes
 * are read once as a list: joined, an account's inboxes (estimated at one row under Row Level
 * Security) became the outer side of nested loops that ran a whole activity join once per inbox
 * (11 times at 2,000 conversations of the benchmark).
 */
describe('teams and agent_metrics read their activity without per-row subplans', () => {
  let app: TestApp;
  let f: ReportFixture;
  let filter: ResolvedFilter;

  beforeAll(async () => {
    app = await startTestApp();
    f = await buildReportFixture(app.db);
    filter = fixtureDayFilter();
  });

  afterAll(async () => {
    await app.close();
  });

  /** Correlated subplans (run per outer row) that scan messages or conversation events, with their loops. */
  function perRowLookups(plan: PlanNode): Array<{ subplan: string; loops: number }> {
    return nodesOf(plan)
      .filter(({ node }) => node['Subplan Name']?.startsWith('SubPlan'))
      .filter(({ node }) =>
        nodesOf(node).some(({ node: n }) => n['Relation Name'] === 'messages' || n['Relation Name'] === 'conversation_events'),
      )
      .map(({ node }) => ({ subplan: node['Subplan Name']!, loops: node['Actual Loops'] ?? 0 }));
  }

  it.each(['teams', 'agent_metrics'])('%s page', async (key) => {
    // before: 11 such subplans in teams (a reply and a resolution per lock, reply and first inbound
    // per resolution, the handover per replied conversation); a count drops every one of them already
    const report = catalog.find((r) => r.key === key)!;
    const page = compilePage(report, filter, { fields: report.columns.map((c) => c.field), after: null, limit: 101 });
    expect(perRowLookups(await executedPlan(app.db, f.accountId, page))).toEqual([]);
  });

  it.each(['teams', 'agent_metrics'])('%s reads the filter inboxes once per activity, never per row', async (key) => {
    // before: inboxes looked up once per reply, resolution, lock, label and CSAT row (up to 7 loops)
    const report = catalog.find((r) => r.key === key)!;
    const inboxW = { ...filter, inboxIds: [f.inboxes.W] };
    const page = compilePage(report, inboxW, { fields: report.columns.map((c) => c.field), after: null, limit: 101 });
    const loops = scansOf(await executedPlan(app.db, f.accountId, page), 'inboxes').map((scan) => scan['Actual Loops']);
    expect(loops.length).toBeGreaterThan(0);
    expect(loops.filter((n) => n !== 1)).toEqual([]);
  });
});
