import { withTenant } from '../../src/db/tenant-transaction';
import { rebuildIdFloors } from '../../src/ingest/derived/id-floors';
import { buildReportFixture, ReportFixture } from '../reports/fixture';
import { startTestApp, TestApp } from '../support/app';

type Floor = { source: string; hour: string; min_id: string };

/**
 * The report id floors kept by the writers' triggers while the report fixture is applied through
 * ingestion are exactly what a rebuild from the tables computes.
 */
describe('derived data: rebuild equals incremental', () => {
  let app: TestApp;
  let f: ReportFixture;

  beforeAll(async () => {
    app = await startTestApp();
    f = await buildReportFixture(app.db);
  });

  afterAll(async () => {
    await app.close();
  });

  const floors = (): Promise<Floor[]> =>
    withTenant(app.db.owner, f.accountId, (runner) =>
      runner.query(`SELECT source, to_char(hour, 'YYYY-MM-DD HH24') AS hour, min_id::text FROM report_id_floors ORDER BY source, hour`),
    );

  it('report id floors', async () => {
    const incremental = await floors();
    // first resolutions at 13:12 (Y), 14:40 (X), 18:00 (Z, bulk), 20:05 (U) on 10 March; dispatches D2 02:30, D1 12:00
    expect(incremental.filter((r) => r.source === 'conversations_resolved').map((r) => r.hour)).toEqual([
      '2026-03-10 13',
      '2026-03-10 14',
      '2026-03-10 18',
      '2026-03-10 20',
    ]);
    expect(incremental.filter((r) => r.source === 'dispatches').map((r) => r.hour)).toEqual(['2026-03-10 02', '2026-03-10 12']);
    await withTenant(app.db.owner, f.accountId, (runner) => rebuildIdFloors(runner));
    expect(await floors()).toEqual(incremental);
  });
});
