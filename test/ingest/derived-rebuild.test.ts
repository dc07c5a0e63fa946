import { Database } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { installJobQueue } from '../../src/exports/queue';
import { rebuildIdFloors } from '../../src/ingest/derived/id-floors';
import { installIngestQueues } from '../../src/ingest/queue';
import { buildReportFixture, ReportFixture } from '../reports/fixture';
import { openOwnDatabase } from '../support/own-database';

type Floor = { source: string; hour: string; min_id: string };

/**
 * The report id floors kept by the writers' triggers while the report fixture is applied through
 * ingestion are exactly what a rebuild from the tables computes. In a database of its own, beside
 * a second copy of the fixture in another account, whose floors the rebuild must leave alone.
 */
describe('derived data: rebuild equals incremental', () => {
  let db: Database;
  let f: ReportFixture;
  let other: ReportFixture;

  beforeAll(async () => {
    db = await openOwnDatabase('derived_rebuild');
    await installJobQueue(db.owner);
    await installIngestQueues(db.owner);
    other = await buildReportFixture(db);
    f = await buildReportFixture(db);
  });

  afterAll(async () => {
    await db?.close();
  });

  const floors = (accountId: string): Promise<Floor[]> =>
    withTenant(db.owner, accountId, (runner) =>
      runner.query(
        `SELECT source, to_char(hour, 'YYYY-MM-DD HH24') AS hour, min_id::text FROM report_id_floors WHERE account_id = $1 ORDER BY source, hour`,
        [accountId],
      ),
    );

  it('report id floors', async () => {
    const incremental = await floors(f.accountId);
    const others = await floors(other.accountId);
    // first resolutions at 13:12 (Y), 14:40 (X), 18:00 (Z, bulk), 20:05 (U) on 10 March; dispatches D2 02:30, D1 12:00
    expect(incremental.filter((r) => r.source === 'conversations_resolved').map((r) => r.hour)).toEqual([
      '2026-03-10 13',
      '2026-03-10 14',
      '2026-03-10 18',
      '2026-03-10 20',
    ]);
    expect(incremental.filter((r) => r.source === 'dispatches').map((r) => r.hour)).toEqual(['2026-03-10 02', '2026-03-10 12']);
    await withTenant(db.owner, f.accountId, (runner) => rebuildIdFloors(runner));
    expect(await floors(f.accountId)).toEqual(incremental);
    expect(await floors(other.accountId)).toEqual(others);
    expect(others.length).toBe(incremental.length);
  });
});
