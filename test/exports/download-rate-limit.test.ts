import { createApiKey } from '../../src/auth/api-keys';
import { withTenant } from '../../src/db/tenant-transaction';
import { findExportJob } from '../../src/exports/export-job.store';
import { buildReportFixture, ReportFixture } from '../reports/fixture';
import { waitFor } from '../support/wait';
import { ExportTestApp, download, exportJob, requestExport, startExportTestApp } from './support';

/**
 * Downloads spend from the same per-key bucket as GraphQL requests. Burst 3 and a refill too slow
 * to matter here (one token per 100 s): a key's third call is its last until it waits.
 */
describe('download rate limit (burst 3, 0.01 per second)', () => {
  let app: ExportTestApp;
  let f: ReportFixture;

  beforeAll(async () => {
    app = await startExportTestApp({
      configure: (config) => ({ ...config, security: { ...config.security, rateLimitBurst: 3, rateLimitPerSecond: 0.01 } }),
    });
    f = await buildReportFixture(app.db);
  });

  afterAll(async () => {
    await app.close();
  });

  /** Waits on the database, not the API, so that waiting spends no tokens. */
  async function succeeded(id: string): Promise<void> {
    await waitFor(
      `export ${id} to succeed`,
      async () => {
        const job = await withTenant(app.db.owner, f.accountId, (runner) => findExportJob(runner.manager, id));
        if (job?.status === 'failed') throw new Error(job.errorMessage ?? 'export failed');
        return job?.status === 'succeeded' ? true : undefined;
      },
      { timeoutMs: 60_000 },
    );
  }

  it('answers the download past the burst with 429, Retry-After and no bytes, per key', async () => {
    const analyst = await withTenant(app.db.owner, f.accountId, (runner) =>
      createApiKey(runner, { accountId: f.accountId, role: 'analyst', name: 'throttled' }),
    );
    const firstToken = Date.now();
    // token 1 of 3
    const requested = await requestExport(app, analyst.key, { report: 'MESSAGES', filter: { from: '2026-03-10', to: '2026-03-11' } });
    expect(requested.errors).toBeUndefined();
    const id = requested.data!.exportReport.id;
    await succeeded(id);
    // token 2
    const url = (await exportJob(app, analyst.key, id)).data!.exportJob.downloadUrl as string;
    // token 3
    const first = await download(app, url);
    expect(first.status).toBe(200);
    expect(first.body.length).toBeGreaterThan(0);

    const limited = await download(app, url);
    const elapsed = (Date.now() - firstToken) / 1000;
    expect(limited.status).toBe(429);
    // (1 - tokens) / 0.01 per second, rounded up. The bucket holds what refilled since the first token
    // was spent (0.01 a second): 100 s on an instant machine, 1 s less per second the steps took.
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeLessThanOrEqual(100);
    expect(retryAfter).toBeGreaterThanOrEqual(Math.ceil(100 - elapsed));
    expect(limited.headers.get('content-disposition')).toBeNull();
    expect(limited.body.length).toBe(0);

    // The account's admin key has its own bucket: its link (bound to it) still downloads.
    const adminUrl = (await exportJob(app, f.key, id)).data!.exportJob.downloadUrl as string;
    expect((await download(app, adminUrl)).status).toBe(200);
  });
});
