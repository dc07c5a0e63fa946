import fs from 'node:fs';
import path from 'node:path';
import { withTenant } from '../../src/db/tenant-transaction';
import { createAccount, insertRows, TestAccount } from '../support/fixtures';
import { ChildWorker, startChildWorker } from './child-worker';
import { ExportTestApp, exportJob, requestExport, sha256, startExportTestApp, waitForExport } from './support';

const JOB_EXPIRE_SECONDS = 20;
const CONVERSATIONS = 300;
const MESSAGES_PER_CONVERSATION = 400;
const INPUT = {
  report: 'MESSAGES',
  filter: { from: '2026-03-10', to: '2026-03-11', timeZone: 'UTC' },
  locale: 'PT_BR',
  delimiter: 'SEMICOLON',
  bom: true,
};

/** The worker's settings for this file: short expiry and maintenance, so a killed attempt is retried within seconds. */
function startWorker(exportDir: string, dataDir: string): Promise<ChildWorker> {
  return startChildWorker(exportDir, dataDir, {
    EXPORT_JOB_EXPIRE_SECONDS: String(JOB_EXPIRE_SECONDS),
    EXPORT_STATEMENT_TIMEOUT_SECONDS: String(JOB_EXPIRE_SECONDS - 5),
    EXPORT_MAINTENANCE_INTERVAL_SECONDS: '1',
    // Progress lands within the export however fast the machine is, so the kill falls in its middle.
    EXPORT_PROGRESS_INTERVAL_MS: '50',
  });
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Issue 5: kill -9 in the middle of a large export; the export finishes by itself, byte-identical. */
describe('an export worker killed mid-export', () => {
  let app: ExportTestApp;
  let account: TestAccount;
  let dataDir: string;
  const workers: ChildWorker[] = [];

  beforeAll(async () => {
    app = await startExportTestApp({
      worker: false,
      configure: (config) => ({
        ...config,
        exports: { ...config.exports, jobExpireSeconds: JOB_EXPIRE_SECONDS, statementTimeoutSeconds: JOB_EXPIRE_SECONDS - 5 },
      }),
    });
    dataDir = fs.mkdtempSync(path.join(app.exportDir, '..', 'exports-crash-data-'));
    account = await createAccount(app.db, { name: 'Big Co' });
    const [inbox] = await insertRows(app.db, account.id, 'inboxes', [
      { name: 'WA', display_name: 'WhatsApp', channel_type: 'whatsapp', medium: 'WhatsApp' },
    ]);
    const [contact] = await insertRows(app.db, account.id, 'contacts', [
      { medium: 'WhatsApp', name: 'Zé', primary_identifier: '+5511900000000' },
    ]);
    const [tag] = await insertRows(app.db, account.id, 'tags', [{ name: 'urgente' }]);
    await withTenant(app.db.owner, account.id, async (runner) => {
      await runner.query(
        `INSERT INTO conversations (source, external_id, account_id, display_id, inbox_id, contact_id, status, created_at, updated_at)
         SELECT 'test', 'c-' || n, $1, n, $2, $3, 'open', timestamptz '2026-03-10 00:00Z', timestamptz '2026-03-10 00:00Z' FROM generate_series(1, $4) n`,
        [account.id, inbox, contact, CONVERSATIONS],
      );
      // Messages 100 ms apart across the day, with the text a spreadsheet would trip on now and then.
      await runner.query(
        `INSERT INTO messages (source, external_id, account_id, conversation_id, direction, message_type, origin, sender_contact_id, content, created_at, updated_at)
         SELECT 'test', 'm-' || c.id || '-' || g, $1, c.id, 'incoming', 'text', 'contact', $2,
                CASE WHEN g % 5 = 0 THEN '=HYPERLINK("x"); ' || g ELSE 'Olá, "mensagem" nº ' || g || E'\\ncom quebra' END,
                timestamptz '2026-03-10 00:00Z' + ((c.display_id - 1) * $3 + g) * interval '100 milliseconds',
                timestamptz '2026-03-10 00:00Z' + ((c.display_id - 1) * $3 + g) * interval '100 milliseconds'
           FROM conversations c CROSS JOIN generate_series(1, $3) g
          WHERE c.account_id = $1`,
        [account.id, contact, MESSAGES_PER_CONVERSATION],
      );
      await runner.query(
        `INSERT INTO message_tags (source, external_id, account_id, message_id, tag_id, applied_at)
         SELECT 'test', 'mt-' || id, account_id, id, $2, created_at FROM messages WHERE account_id = $1 AND id % 10 = 0`,
        [account.id, tag],
      );
      await runner.query('ANALYZE messages');
      await runner.query('ANALYZE message_tags');
    });
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) {
      if (worker.process.exitCode === null && worker.process.signalCode === null) worker.process.kill('SIGKILL');
      await worker.exited;
    }
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is finished by the next worker after the attempt expires, byte-identical, leaving no partial file', async () => {
    const accountDir = path.join(app.exportDir, account.id);
    const first = await startWorker(app.exportDir, dataDir);
    workers.push(first);
    const requested = await requestExport(app, account.key, INPUT);
    expect(requested.errors).toBeUndefined();
    const id = requested.data!.exportReport.id;
    const partial = path.join(accountDir, `${id}.1.part`);

    // RUNNING, a partial file growing and progress recorded: the middle of the export.
    const running = await until('the export to be under way', async () => {
      const job = (await exportJob(app, account.key, id)).data?.exportJob;
      return job?.status === 'RUNNING' && job.progress > 0 && fs.existsSync(partial) && fs.statSync(partial).size > 0 ? job : null;
    });
    expect(running.progress).toBeLessThan(1);
    first.process.kill('SIGKILL');
    await first.exited;
    expect((await exportJob(app, account.key, id)).data?.exportJob).toMatchObject({ status: 'RUNNING', attempts: 1 });
    expect(fs.existsSync(partial)).toBe(true);

    const second = await startWorker(app.exportDir, dataDir);
    workers.push(second);
    const recovered = await waitForExport(app, account.key, id, ['SUCCEEDED', 'FAILED'], 90_000);
    expect(recovered).toMatchObject({ status: 'SUCCEEDED', attempts: 2, rowCount: CONVERSATIONS * MESSAGES_PER_CONVERSATION });
    expect(fs.readdirSync(accountDir).filter((name) => name.endsWith('.part'))).toEqual([]);

    const again = await requestExport(app, account.key, INPUT);
    const uninterrupted = await waitForExport(app, account.key, again.data!.exportReport.id, ['SUCCEEDED', 'FAILED'], 60_000);
    expect(uninterrupted).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
    const recoveredBytes = fs.readFileSync(path.join(accountDir, `${id}.csv`));
    const uninterruptedBytes = fs.readFileSync(path.join(accountDir, `${uninterrupted.id}.csv`));
    expect(sha256(recoveredBytes)).toBe(recovered.sha256);
    expect(recovered.sha256).toBe(uninterrupted.sha256);
    expect(recoveredBytes.equals(uninterruptedBytes)).toBe(true);

    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);
});
