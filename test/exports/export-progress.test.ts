import { Locale } from '../../src/entities/enums/account.enums';
import { CsvDelimiter } from '../../src/exports/export.enums';
import { withTenant } from '../../src/db/tenant-transaction';
import { claimExportJob, findExportJob, insertExportJob, reportProgress } from '../../src/exports/export-job.store';
import { createAccount } from '../support/fixtures';
import { ExportTestApp, startExportTestApp } from './support';

/**
 * Progress ticks run concurrently with COPY and with each other; a tick that lands after a later
 * one, or after COPY has ended and PostgreSQL no longer lists it, must not move progress back.
 */
describe('export progress', () => {
  let app: ExportTestApp;
  let accountId: string;

  beforeAll(async () => {
    app = await startExportTestApp({ worker: false });
    accountId = (await createAccount(app.db, { name: 'Progress Co' })).id;
  });

  afterAll(async () => {
    await app.close();
  });

  it('never goes down within an attempt: 0.5 then a late 0.2 and a 0 leave 0.5; a higher 0.7 still lands', async () => {
    const progress = await withTenant(app.db.owner, accountId, async (runner) => {
      // api_keys is read before any tenant is bound, so Row Level Security does not narrow it: name the account.
      const [{ keyId }] = await runner.query('SELECT id::text AS "keyId" FROM api_keys WHERE account_id = $1 LIMIT 1', [accountId]);
      const job = await insertExportJob(runner.manager, {
        requestedByKeyId: keyId,
        report: 'messages',
        filter: {
          from: '2026-03-01T00:00:00.000Z',
          to: '2026-03-02T00:00:00.000Z',
          timeZone: 'UTC',
          asOf: '2026-03-02T00:00:00.000Z',
          inboxIds: null,
          channelTypes: null,
          teamIds: null,
          agentIds: null,
        },
        columns: ['messageId'],
        locale: Locale.EN,
        delimiter: CsvDelimiter.COMMA,
        bom: false,
        gzip: false,
        fileName: 'messages.csv',
        idempotencyKey: null,
        notifyUrl: null,
      });
      const claim = await claimExportJob(runner.manager, accountId, job!.id, { accountConcurrency: 1, maxAttempts: 3 });
      if (claim.kind !== 'run') throw new Error(`claim was ${claim.kind}`);
      const seen: number[] = [];
      for (const share of [0.5, 0.2, 0, 0.7]) {
        expect(await reportProgress(runner.manager, job!.id, claim.job.attempt, share)).toBe(true);
        seen.push((await findExportJob(runner.manager, job!.id))!.progress);
      }
      return seen;
    });
    // progress is a real (float4): 0.7 reads back as 0.69999998…
    expect(progress.map((share) => Math.round(share * 1000) / 1000)).toEqual([0.5, 0.5, 0.5, 0.7]);
  });
});
