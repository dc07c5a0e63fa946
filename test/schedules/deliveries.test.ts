import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { withTenant } from '../../src/db/tenant-transaction';
import { createLogger } from '../../src/logger';
import { ScheduleWorker, startScheduleWorker } from '../../src/schedules/worker';
import { DatabaseOutage } from '../../src/db/outage';
import { ExportTestApp, startExportTestApp } from '../exports/support';
import { createAccount, insertRows, TestAccount } from '../support/fixtures';
import { makeKeyPair, startSshd, TestSshd } from '../support/sshd';
import { waitFor } from '../support/wait';

interface Delivery {
  kind: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  target: string | null;
  error: { code: string; message: string } | null;
}

interface Run {
  id: string;
  status: string;
  sha256: string | null;
  deliveries: Delivery[];
}

const ATTEMPTS = 2;

/** Issue 13: deliveries of scheduled exports: SFTP to Debian's OpenSSH server, started for this file, and the signed webhook. */
describe('deliveries of scheduled exports', () => {
  let app: ExportTestApp;
  let sshd: TestSshd;
  let schedules: ScheduleWorker;
  let outage: DatabaseOutage;
  let account: TestAccount;
  let keysDir: string;

  beforeAll(async () => {
    sshd = await startSshd();
    app = await startExportTestApp({
      configure: (config) => ({
        ...config,
        schedules: {
          ...config.schedules,
          secretsKey: crypto.randomBytes(32).toString('base64'),
          sftpAllowPrivate: true,
          sftpAttempts: ATTEMPTS,
          sftpRetryDelaySeconds: 1,
          sftpTimeoutSeconds: 5,
          pollIntervalSeconds: 1,
        },
      }),
    });
    outage = new DatabaseOutage((app.db.owner.options as { url: string }).url, createLogger('silent'));
    schedules = await startScheduleWorker({
      owner: app.db.owner,
      runtime: app.db.runtime,
      config: app.config,
      logger: createLogger('silent'),
      outage,
    });
    account = await createAccount(app.db, { name: 'Drop Co', timeZone: 'UTC' });
    const [inbox] = await insertRows(app.db, account.id, 'inboxes', [
      { name: 'WA', display_name: 'WhatsApp', channel_type: 'whatsapp', medium: 'WhatsApp' },
    ]);
    const [contact] = await insertRows(app.db, account.id, 'contacts', [
      { medium: 'WhatsApp', name: 'Zé', primary_identifier: '+5511900000000' },
    ]);
    // Three messages yesterday (UTC), the day PREVIOUS_DAY exports.
    await withTenant(app.db.owner, account.id, async (runner) => {
      const [{ id: conversation }] = await runner.query(
        `INSERT INTO conversations (source, external_id, account_id, display_id, inbox_id, contact_id, status, created_at, updated_at)
         VALUES ('test', 'c-1', $1, 1, $2, $3, 'open', date_trunc('day', now()) - interval '12 hours', date_trunc('day', now()) - interval '12 hours') RETURNING id`,
        [account.id, inbox, contact],
      );
      await runner.query(
        `INSERT INTO messages (source, external_id, account_id, conversation_id, direction, message_type, origin, sender_contact_id, content, created_at,
                               updated_at)
         SELECT 'test', 'm-' || g, $1, $2, 'incoming', 'text', 'contact', $3, 'Olá ' || g, date_trunc('day', now()) - interval '12 hours' + g * interval '1 minute',
                date_trunc('day', now()) - interval '12 hours' + g * interval '1 minute'
           FROM generate_series(1, 3) g`,
        [account.id, conversation, contact],
      );
    });
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sftp-keys-'));
  });

  afterAll(async () => {
    await schedules?.stop();
    outage?.stop();
    await app?.close();
    await sshd?.stop();
    if (keysDir) fs.rmSync(keysDir, { recursive: true, force: true });
  });

  async function runWith(sftp: Record<string, unknown> | null, webhookUrl: string | null = null): Promise<string> {
    const created = await app.graphql<{ createExportSchedule: { id: string } }>(
      `mutation($input: ExportScheduleInput!) { createExportSchedule(input: $input) { id } }`,
      {
        key: account.key,
        variables: {
          input: { name: 'drop', report: 'MESSAGES', window: 'PREVIOUS_DAY', cron: '0 6 * * *', delivery: { sftp, webhookUrl } },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const run = await app.graphql<{ runExportScheduleNow: { id: string } }>(`mutation($id: ID!) { runExportScheduleNow(id: $id) { id } }`, {
      key: account.key,
      variables: { id: created.data?.createExportSchedule.id },
    });
    expect(run.errors).toBeUndefined();
    return run.data?.runExportScheduleNow.id as string;
  }

  /** Polls the export until its delivery is DELIVERED or FAILED. */
  const settled = (id: string) =>
    waitFor(
      'the delivery to settle',
      async () => {
        const response = await app.graphql<{ exportJob: Run }>(
          `query($id: ID!) { exportJob(id: $id) { id status sha256 deliveries { kind status attempts maxAttempts target error { code message } } } }`,
          { key: account.key, variables: { id } },
        );
        const job = response.data?.exportJob;
        return job && ['DELIVERED', 'FAILED'].includes(job.deliveries[0]?.status) ? job : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );

  const server = () => ({ host: '127.0.0.1', port: sshd.port, username: sshd.username, remoteDirectory: sshd.uploadDir });

  it('uploads the file under its pattern name, by a temporary name, with the bytes the export hashed', async () => {
    const id = await runWith({
      ...server(),
      privateKey: sshd.clientKey,
      hostKeyFingerprint: sshd.hostKeyFingerprint,
      fileNamePattern: '{report}_{from}_{to}.{ext}',
    });
    const job = await settled(id);
    expect(job.status).toBe('SUCCEEDED');
    // PREVIOUS_DAY in UTC: yesterday is both the first and the last day of the window.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const name = `messages_${yesterday}_${yesterday}.csv`;
    expect(job.deliveries).toEqual([
      {
        kind: 'SFTP',
        status: 'DELIVERED',
        attempts: 1,
        maxAttempts: ATTEMPTS,
        target: `sftp://${sshd.username}@127.0.0.1:${sshd.port}${sshd.uploadDir}/${name}`,
        error: null,
      },
    ]);
    const bytes = fs.readFileSync(path.join(sshd.uploadDir, name));
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(job.sha256);
    // Header plus the three messages of yesterday.
    expect(bytes.toString('utf8').trimEnd().split('\n')).toHaveLength(4);
    expect(fs.readdirSync(sshd.uploadDir)).toEqual([name]);
  });

  it.each([
    [
      'a key the server does not accept',
      () => ({ ...server(), privateKey: makeKeyPair(keysDir, `stranger-${Date.now()}`).privateKey }),
      'AUTHENTICATION_FAILED',
    ],
    ['an unreachable host', async () => ({ ...server(), port: await closedPort(), privateKey: sshd.clientKey }), 'UNREACHABLE'],
    [
      'a server whose host key is not the expected one',
      () => ({ ...server(), privateKey: sshd.clientKey, hostKeyFingerprint: `SHA256:${'A'.repeat(43)}` }),
      'HOST_KEY_MISMATCH',
    ],
  ])('leaves the export SUCCEEDED with a FAILED delivery, retried, for %s', async (_, sftp, code) => {
    const before = fs.readdirSync(sshd.uploadDir);
    const job = await settled(await runWith(await sftp()));
    expect(job.status).toBe('SUCCEEDED');
    expect(job.deliveries).toHaveLength(1);
    expect(job.deliveries[0]).toMatchObject({ kind: 'SFTP', status: 'FAILED', attempts: ATTEMPTS, maxAttempts: ATTEMPTS, error: { code } });
    expect(fs.readdirSync(sshd.uploadDir)).toEqual(before);
  });

  it('records the webhook delivery of a run, retried after an HTTP 500, with a body signed by the account secret', async () => {
    const bodies: Array<{ body: string; signature: string }> = [];
    const hook = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push({ body, signature: String(request.headers['x-signature']) });
        response.statusCode = bodies.length === 1 ? 500 : 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(hook.address() as net.AddressInfo).port}/hook`;
      const job = await settled(await runWith(null, url));
      expect(job.deliveries).toEqual([{ kind: 'WEBHOOK', status: 'DELIVERED', attempts: 2, maxAttempts: 5, target: url, error: null }]);
      const secret = await app.graphql<{ exportWebhookSecret: string }>('{ exportWebhookSecret }', { key: account.key });
      const last = bodies[bodies.length - 1];
      expect(last.signature).toBe(
        `sha256=${crypto
          .createHmac('sha256', secret.data?.exportWebhookSecret as string)
          .update(last.body)
          .digest('hex')}`,
      );
      expect(JSON.parse(last.body)).toMatchObject({ id: job.id, status: 'SUCCEEDED', sha256: job.sha256 });
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
  });
});

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
