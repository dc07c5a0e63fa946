import { catalog } from '../../../src/catalog';
import { reportQueryField } from '../../../src/catalog/naming';
import { startTestApp, TestApp } from '../../support/app';
import { buildReportFixture, ReportFixture } from '../fixture';

export type Row = Record<string, unknown>;

/** São Paulo's 10 March 2026, i.e. [03:00Z 10th, 03:00Z 11th): the account's own zone. */
export const SP_DAY = { from: '2026-03-10', to: '2026-03-11' };

export const pick = (all: Row[], fields: string[]) => all.map((row) => Object.fromEntries(fields.map((field) => [field, row[field]])));

export interface ReportValues {
  /** The hand-built fixture (see ../fixture.ts for its timeline), there once the file's setup has run. */
  readonly fixture: ReportFixture;
  /** Every row of a report over `filter` (one page of up to 1000 rows), checking `totalCount` agrees. */
  rows(report: string, filter?: Record<string, unknown>): Promise<Row[]>;
}

/**
 * Each report's values are checked in a file of their own, against values worked out by hand from
 * the shared fixture (times are UTC on 10 March unless said otherwise). This sets up the file:
 * the real server and a fresh copy of the fixture in its own account.
 */
export function reportValues(): ReportValues {
  let app: TestApp;
  let fixture: ReportFixture | undefined;

  beforeAll(async () => {
    app = await startTestApp();
    fixture = await buildReportFixture(app.db);
  });

  afterAll(async () => {
    await app.close();
  });

  return {
    get fixture(): ReportFixture {
      if (!fixture) throw new Error('the report fixture is built in beforeAll');
      return fixture;
    },
    async rows(report, filter = SP_DAY) {
      const definition = catalog.find((r) => r.key === report);
      if (!definition) throw new Error(report);
      const field = reportQueryField(report);
      const response = await app.graphql<Record<string, { totalCount: number; nodes: Row[] }>>(
        `query($filter: ReportFilter!) { ${field}(filter: $filter, first: 1000) { totalCount nodes { ${definition.columns.map((c) => c.field).join(' ')} } } }`,
        { key: fixture!.key, variables: { filter } },
      );
      expect(response.errors).toBeUndefined();
      const connection = response.data?.[field];
      expect(connection?.totalCount).toBe(connection?.nodes.length);
      return connection?.nodes ?? [];
    },
  };
}
