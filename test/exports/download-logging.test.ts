import net from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { withTenant } from '../../src/db/tenant-transaction';
import { createAccount, insertRows, TestAccount } from '../support/fixtures';
import { ExportTestApp, requestExport, startExportTestApp, waitForExport } from './support';

const DOWNLOADS = 20;

/**
 * Downloads the way curl and browsers end them: read the whole body (Content-Length bytes) and
 * close the connection at once. Resolves with the number of body bytes received.
 */
function downloadAndHangUp(url: URL): Promise<{ length: number; received: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => {
      socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
    });
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(buffer.subarray(0, end).toString())?.[1]);
      const received = buffer.length - end - 4;
      if (received >= length) {
        socket.destroy();
        resolve({ length, received });
      }
    });
    socket.on('error', reject);
  });
}

/** Issue 9: a download that completed is not logged as interrupted. */
describe('logs of finished downloads', () => {
  let app: ExportTestApp;
  let account: TestAccount;
  const lines: string[] = [];

  beforeAll(async () => {
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) }));
    app = await startExportTestApp({ logger });
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
         SELECT 'test', 'm-' || g, $1, $2, 'incoming', 'text', 'contact', $3, 'mensagem ' || g, timestamptz '2026-03-10 00:00Z' + g * interval '1 second',
                timestamptz '2026-03-10 00:00Z' + g * interval '1 second'
           FROM generate_series(1, 5000) g`,
        [account.id, conversation, contact],
      ),
    );
  });

  afterAll(async () => {
    await app.close();
  });

  it('logs no warning for downloads read to the end, however fast the client hangs up', async () => {
    const requested = await requestExport(app, account.key, {
      report: 'MESSAGES',
      filter: { from: '2026-03-10', to: '2026-03-11', timeZone: 'UTC' },
    });
    const job = await waitForExport(app, account.key, requested.data!.exportReport.id);
    expect(job.status).toBe('SUCCEEDED');
    const url = new URL(job.downloadUrl!, app.url);
    for (let i = 0; i < DOWNLOADS; i++) expect(await downloadAndHangUp(url)).toEqual({ length: job.byteSize, received: job.byteSize });
    // Let the server notice the closed connections.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(lines.filter((line) => line.includes('download'))).toEqual([]);
  });
});
