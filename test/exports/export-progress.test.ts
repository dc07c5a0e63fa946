import { Locale } from '../../src/entities/enums/account.enums';
import { CsvDelimiter } from '../../src/exports/export.enums';
import { Sql } from '../../src/db/sql';
import { withTenant } from '../../src/db/tenant-transaction';
import { claimExportJob, findExportJob, insertExportJob, reportProgress } from '../../src/exports/export-job.store';
import { createAccount } from '../support/fixtures';
import { ExportTestApp, startExportTestApp } from './support';

/** A queued one-column messages export of the key's account. */
function queueJob(sql: Sql, keyId: string) {
  return insertExportJob(sql, {
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
}

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
      // The tests' owner is a superuser, whom Row Level Security does not bind: name the account.
      const [{ keyId }] = await runner.query('SELECT id::text AS "keyId" FROM api_keys WHERE account_id = $1 LIMIT 1', [accountId]);
      const job = await queueJob(runner.manager, keyId);
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

  it("claims a slot of its own account, whatever other accounts' jobs are running", async () => {
    const other = (await createAccount(app.db, { name: 'Busy Co' })).id;
    const mine = (await createAccount(app.db, { name: 'Idle Co' })).id;
    const keyOf = async (sql: Sql, account: string) =>
      String((await sql.query('SELECT id::text AS id FROM api_keys WHERE account_id = $1 LIMIT 1', [account]))[0].id);
    const limits = { accountConcurrency: 1, maxAttempts: 3 };
    const elsewhere = await withTenant(app.db.owner, other, async (runner) => {
      const job = await queueJob(runner.manager, await keyOf(runner.manager, other));
      return (await claimExportJob(runner.manager, other, job!.id, limits)).kind;
    });
    // Busy Co's job now runs, holding its one slot; Idle Co runs none. A superuser owner, whom Row Level Security does
    // not bind, counted Busy Co's job against Idle Co ('busy').
    const here = await withTenant(app.db.owner, mine, async (runner) => {
      const job = await queueJob(runner.manager, await keyOf(runner.manager, mine));
      return (await claimExportJob(runner.manager, mine, job!.id, limits)).kind;
    });
    expect({ elsewhere, here }).toEqual({ elsewhere: 'run', here: 'run' });
  });
});
