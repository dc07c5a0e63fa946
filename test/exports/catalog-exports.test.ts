import { withTenant } from '../../src/db/tenant-transaction';
import { createApiKey } from '../../src/auth/api-keys';
import { catalog } from '../../src/catalog';
import { reportEnumValue, reportQueryField } from '../../src/catalog/naming';
import { seedDemoData, SeededAccount } from '../../src/seed/demo-data';
import { BOM, ExportJobView, ExportTestApp, download, parseCsv, requestExport, sha256, startExportTestApp, waitForExport } from './support';

const NOW = new Date('2026-11-20T15:00:00Z');
const FILTER = { from: new Date(NOW.getTime() - 60 * 86_400_000).toISOString(), to: NOW.toISOString() };

/** Issue 5 acceptance: every report exports in Portuguese, with `;` and a BOM, and matches its query field. */
describe('exportReport for every report of the catalog (PT_BR, SEMICOLON, BOM) over the demo data', () => {
  let app: ExportTestApp;
  let account: SeededAccount;
  let key: string;
  const requested = new Map<string, ExportJobView>();

  beforeAll(async () => {
    app = await startExportTestApp();
    [account] = await seedDemoData(app.db.owner, { now: NOW, conversationsPerAccount: 60 });
    key = (
      await withTenant(app.db.owner, account.id, (runner) =>
        createApiKey(runner, { accountId: account.id, role: 'analyst', name: 'exports' }),
      )
    ).key;
    // All at once: the account's two slots make the rest wait QUEUED, then drain.
    for (const report of catalog) {
      const response = await requestExport(app, key, {
        report: reportEnumValue(report.key),
        filter: FILTER,
        locale: 'PT_BR',
        delimiter: 'SEMICOLON',
        bom: true,
      });
      expect(response.errors).toBeUndefined();
      requested.set(report.key, response.data?.exportReport as ExportJobView);
    }
  }, 120_000);

  afterAll(async () => {
    await app.close();
  });

  it.each(catalog.map((r) => r.key))('%s', async (reportKey) => {
    const report = catalog.find((r) => r.key === reportKey)!;
    const job = await waitForExport(app, key, requested.get(reportKey)!.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', progress: 1, report: reportEnumValue(reportKey), error: null });
    expect(job.fileName).toMatch(new RegExp(`^${reportKey}_2026-09-21T\\d{4}_2026-11-20T\\d{4}_America-Sao_Paulo\\.csv$`));

    const file = await download(app, job.downloadUrl as string);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${job.fileName}"`);
    expect(file.body.subarray(0, 3).equals(BOM)).toBe(true);
    expect(sha256(file.body)).toBe(job.sha256);
    expect(file.body.length).toBe(job.byteSize);

    const [header, ...rows] = parseCsv(file.body, ';');
    expect(header).toEqual(report.columns.map((c) => c.header.ptBR));
    expect(rows.every((row) => row.length === header.length)).toBe(true);

    const field = reportQueryField(reportKey);
    const count = await app.graphql<Record<string, { totalCount: number }>>(
      `query($filter: ReportFilter!) { ${field}(filter: $filter, first: 1) { totalCount } }`,
      {
        key,
        variables: { filter: FILTER },
      },
    );
    expect(count.errors).toBeUndefined();
    const totalCount = count.data?.[field].totalCount as number;
    expect(totalCount).toBeGreaterThan(0);
    expect(rows).toHaveLength(totalCount);
    expect(job.rowCount).toBe(totalCount);
  });
});
