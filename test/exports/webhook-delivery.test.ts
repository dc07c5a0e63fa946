import http from 'node:http';
import { AddressInfo } from 'node:net';
import pino from 'pino';
import { deliverNotification } from '../../src/exports/notify';
import { createExportServices } from '../../src/exports/services';
import { createAccount, TestAccount } from '../support/fixtures';
import { ExportTestApp, requestExport, startExportTestApp } from './support';

/**
 * The delivery-time check of IP literals (issue 16): a literal is never resolved, so the DNS guard
 * of the delivery never sees it, and a URL stored while private addresses were allowed (or before
 * a range was refused) must still be checked when it is delivered to.
 */
describe('webhook delivery to IP literals', () => {
  let app: ExportTestApp;
  let account: TestAccount;
  let server: http.Server;
  let port: number;
  let received = 0;

  beforeAll(async () => {
    // Requests accept any address here (EXPORT_WEBHOOK_ALLOW_PRIVATE in the export test app); deliveries below decide alone.
    app = await startExportTestApp({ worker: false });
    account = await createAccount(app.db, { name: 'Hooks Co' });
    server = http.createServer((_req, res) => {
      received++;
      res.writeHead(204).end();
    });
    // Dual-stack, so that IPv4-mapped literals reach it as they would any loopback service.
    await new Promise<void>((resolve) => server.listen(0, '::', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

  async function deliver(notifyUrl: string, allowPrivate: boolean): Promise<{ warnings: string[] }> {
    const requested = await requestExport(app, account.key, {
      report: 'MESSAGES',
      filter: { from: '2026-03-10', to: '2026-03-11' },
      notifyUrl,
    });
    expect(requested.errors).toBeUndefined();
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg) });
    const config = { ...app.config, exports: { ...app.config.exports, webhookAllowPrivate: allowPrivate, webhookTimeoutSeconds: 2 } };
    await deliverNotification(
      { runtime: app.db.runtime, services: createExportServices(config), logger },
      { accountId: account.id, exportId: requested.data!.exportReport.id },
    );
    return { warnings };
  }

  it('reaches a loopback literal only while private addresses are allowed', async () => {
    await deliver(`http://[::ffff:127.0.0.1]:${port}/hook`, true);
    expect(received).toBe(1);
    expect((await deliver(`http://[::ffff:127.0.0.1]:${port}/hook`, false)).warnings).toEqual(['export notification not sent']);
    expect(received).toBe(1);
  });

  it.each(['[::7f00:1]', '[2002:7f00:1::1]', '[64:ff9b:1::a9fe:a9fe]', '198.51.100.7'])(
    'does not try to connect to %s at delivery',
    async (host) => {
      const { warnings } = await deliver(`http://${host}:${port}/hook`, false);
      expect(warnings).toEqual(['export notification not sent']);
      expect(received).toBe(1);
    },
  );
});
