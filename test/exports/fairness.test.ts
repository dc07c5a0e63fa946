import { ExportWorker, startExportWorker } from '../../src/exports/worker';
import { createLogger } from '../../src/logger';
import { createAccount, TestAccount } from '../support/fixtures';
import { ExportTestApp, requestExport, startExportTestApp, waitForExport } from './support';

const INPUT = { report: 'MESSAGES', filter: { from: '2026-03-10', to: '2026-03-11' } };
const MAX_QUEUED = 6;

/**
 * Exports are fair across accounts (issue 16): one worker slot, a backlog of one account queued
 * before another account asks for a single export. First-in-first-out, the second account waited
 * for the whole backlog; it must wait for one export at most.
 */
describe('export queue fairness across accounts', () => {
  let app: ExportTestApp;
  let worker: ExportWorker | undefined;
  let busy: TestAccount;
  let quiet: TestAccount;

  beforeAll(async () => {
    app = await startExportTestApp({
      worker: false,
      configure: (config) => ({ ...config, exports: { ...config.exports, workerConcurrency: 1, accountMaxQueued: MAX_QUEUED } }),
    });
    busy = await createAccount(app.db, { name: 'Backlog Co' });
    quiet = await createAccount(app.db, { name: 'Single Export Co' });
  });

  afterAll(async () => {
    await worker?.stop();
    await app.close();
  });

  it('caps the exports an account may have waiting with EXPORT_QUEUE_FULL, and starts another account export after at most one of the backlog', async () => {
    const backlog: string[] = [];
    for (let i = 0; i < MAX_QUEUED; i++) {
      const response = await requestExport(app, busy.key, INPUT);
      expect(response.errors).toBeUndefined();
      backlog.push(response.data!.exportReport.id);
    }
    const refused = await requestExport(app, busy.key, INPUT);
    expect(refused.data).toBeNull();
    expect(refused.errors?.map((e) => e.extensions)).toEqual([{ code: 'EXPORT_QUEUE_FULL', maxQueued: MAX_QUEUED }]);
    const [{ n }] = await app.db.owner.query('SELECT count(*)::int AS n FROM export_jobs WHERE account_id = $1', [busy.id]);
    expect(n).toBe(MAX_QUEUED);

    const single = await requestExport(app, quiet.key, INPUT);
    expect(single.errors).toBeUndefined();
    const singleId = single.data!.exportReport.id;

    worker = await startExportWorker({ owner: app.db.owner, runtime: app.db.runtime, config: app.config, logger: createLogger('silent') });
    for (const id of backlog) expect((await waitForExport(app, busy.key, id)).status).toBe('SUCCEEDED');
    expect((await waitForExport(app, quiet.key, singleId)).status).toBe('SUCCEEDED');

    const order: Array<{ id: string }> = await app.db.owner.query(
      'SELECT id::text AS id FROM export_jobs WHERE account_id IN ($1, $2) ORDER BY started_at, id',
      [busy.id, quiet.id],
    );
    // The first export of the backlog had the slot; the other account's only export came next.
    expect(order.map((row) => row.id).indexOf(singleId)).toBe(1);

    // Once the backlog has run, the account may queue again.
    expect((await requestExport(app, busy.key, INPUT)).errors).toBeUndefined();
  });
});
