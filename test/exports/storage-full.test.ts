import { execFileSync } from 'node:child_process';
import { ExportWorker, startExportWorker } from '../../src/exports/worker';
import { createLogger } from '../../src/logger';
import { createAccount, TestAccount } from '../support/fixtures';
import { ExportTestApp, requestExport, startExportTestApp, waitForExport } from './support';
import { insertBulkMessages } from './bulk-messages';

const MESSAGES = 3000;

/**
 * Issue 9: a full disk gets a code and a message of its own, at the first attempt. The export
 * directory is a 64 KiB tmpfs (mounting it needs root, as the project's machines and CI run) and
 * the file would be about 300 KB.
 */
describe('an export written to a full disk', () => {
  let app: ExportTestApp;
  let account: TestAccount;
  let worker: ExportWorker | undefined;
  let mounted = false;

  beforeAll(async () => {
    app = await startExportTestApp({ worker: false });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', app.exportDir]);
    mounted = true;
    account = await createAccount(app.db);
    await insertBulkMessages(app.db, account.id, {
      conversations: 1,
      messagesPerConversation: MESSAGES,
      stepMs: 1000,
      content: 'uma mensagem um pouco longa, a número ',
    });
    worker = await startExportWorker({ owner: app.db.owner, runtime: app.db.runtime, config: app.config, logger: createLogger('silent') });
  });

  afterAll(async () => {
    await worker?.stop();
    if (mounted) execFileSync('umount', [app.exportDir]);
    await app.close();
  });

  it('fails with STORAGE_FULL and says what to do', async () => {
    const requested = await requestExport(app, account.key, {
      report: 'MESSAGES',
      filter: { from: '2026-03-10', to: '2026-03-11', timeZone: 'UTC' },
    });
    const failed = await waitForExport(app, account.key, requested.data!.exportReport.id);
    expect(failed).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      error: {
        code: 'STORAGE_FULL',
        message:
          'The export storage is full, so the file could not be written. Ask an operator to free space (or to move EXPORT_DIR), then export again.',
      },
    });
  });
});
