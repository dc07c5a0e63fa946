import net from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createAccount, TestAccount } from '../support/fixtures';
import { ExportTestApp, requestExport, startExportTestApp, waitForExport } from './support';
import { insertBulkMessages } from './bulk-messages';

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
    await insertBulkMessages(app.db, account.id, { conversations: 1, messagesPerConversation: 5000, stepMs: 1000, content: 'mensagem ' });
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
