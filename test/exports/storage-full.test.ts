import { execFileSync } from 'node:child_process';
import { withTenant } from '../../src/db/tenant-transaction';
import { ExportWorker, startExportWorker } from '../../src/exports/worker';
import { createLogger } from '../../src/logger';
import { createAccount, insertRows, TestAccount } from '../support/fixtures';
import { ExportTestApp, requestExport, startExportTestApp, waitForExport } from './support';

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
    const [inbox] = await insertRows(app.db, account.id, 'inboxes', [
      { name: 'WA', display_name: 'WhatsApp', channel_type: 'whatsapp', medium: 'WhatsApp' },
    ]);
    const [contact] = await insertRows(app.db, account.id, 'contacts', [
      { medium: 'WhatsApp', name: 'Zé', primary_identifier: '+5511900000000' },
    ]);
    const [conversation] = await insertRows(app.db, account.id, 'conversations', [
      {
        display_id: 1,
        inbox_id: inbox,
        contact_id: contact,
        status: 'open',
        created_at: '2026-03-10T00:00:00Z',
        updated_at: '2026-03-10T00:00:00Z',
      },
    ]);
    await withTenant(app.db.owner, account.id, (runner) =>
      runner.query(
        `INSERT INTO messages (source, external_id, account_id, conversation_id, direction, message_type, origin, sender_contact_id, content, created_at, updated_at)
         SELECT 'test', 'm-' || g, $1, $2, 'incoming', 'text', 'contact', $3, 'uma mensagem um pouco longa, a número ' || g,
                timestamptz '2026-03-10 00:00Z' + g * interval '1 second', timestamptz '2026-03-10 00:00Z' + g * interval '1 second'
           FROM generate_series(1, $4) g`,
        [account.id, conversation, contact, MESSAGES],
      ),
    );
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
