import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { RUNTIME_GROUP_ROLE } from '../../migrations/tenancy';
import { withTenant } from '../../src/db/tenant-transaction';
import { deliverNotification } from '../../src/exports/notify';
import { createExportServices } from '../../src/exports/services';
import { tempPath } from '../../src/exports/storage';
import { findWebhookSecret } from '../../src/exports/webhook-secret';
import { sweepExportFiles } from '../../src/exports/sweep';
import { buildReportFixture, ReportFixture } from '../reports/fixture';
import { waitFor } from '../support/wait';
import { ExportTestApp, requestExport, startExportTestApp, waitForExport } from './support';

const MESSAGES = { report: 'MESSAGES', filter: { from: '2026-03-10', to: '2026-03-11' } };

/**
 * The export worker's failure paths, against the real worker, queue and PostgreSQL: each failure
 * is made the way it happens in production (a statement that outlasts its timeout, a statement
 * PostgreSQL refuses, a file a killed attempt left, a webhook that fails or may not be called).
 */
describe('export worker failures', () => {
  let app: ExportTestApp;
  let f: ReportFixture;

  beforeAll(async () => {
    app = await startExportTestApp({
      configure: (config) => ({ ...config, exports: { ...config.exports, statementTimeoutSeconds: 1, maxAttempts: 3 } }),
    });
    f = await buildReportFixture(app.db);
  });

  afterAll(async () => {
    await app.close();
  });

  const filesOf = (accountId: string) =>
    fs.existsSync(path.join(app.exportDir, accountId)) ? fs.readdirSync(path.join(app.exportDir, accountId)) : [];

  async function exported(input: Record<string, unknown>) {
    const response = await requestExport(app, f.key, input);
    expect(response.errors).toBeUndefined();
    return waitForExport(app, f.key, response.data!.exportReport.id);
  }

  async function auditActions(exportId: string): Promise<string[]> {
    const rows = await withTenant(app.db.owner, f.accountId, (runner) =>
      runner.query('SELECT action FROM audit_events WHERE export_id = $1 ORDER BY id', [exportId]),
    );
    return rows.map((r: { action: string }) => r.action);
  }

  it('fails at once with TIMEOUT when the report statement outlasts EXPORT_STATEMENT_TIMEOUT_SECONDS', async () => {
    // Another session holds the messages table; the worker's statement waits on it past its 1 s timeout.
    const blocker = app.db.owner.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    let job;
    try {
      await blocker.query('LOCK TABLE messages IN ACCESS EXCLUSIVE MODE');
      job = await exported(MESSAGES);
    } finally {
      await blocker.rollbackTransaction();
      await blocker.release();
    }
    // A retry would time out the same way, so there is one attempt.
    expect(job).toMatchObject({ status: 'FAILED', attempts: 1, rowCount: null, downloadUrl: null, error: { code: 'TIMEOUT' } });
    expect(job.error?.message).toMatch(/longer than 1 s/);
    expect(filesOf(f.accountId).filter((name) => name.includes(job.id))).toEqual([]);
    expect(await auditActions(job.id)).toEqual(['export_requested', 'export_failed']);
  });

  it('retries a statement PostgreSQL refuses, then fails after EXPORT_MAX_ATTEMPTS attempts', async () => {
    await app.db.owner.query(`REVOKE SELECT ON messages FROM ${RUNTIME_GROUP_ROLE}`);
    let job;
    try {
      job = await exported(MESSAGES);
    } finally {
      await app.db.owner.query(`GRANT SELECT ON messages TO ${RUNTIME_GROUP_ROLE}`);
    }
    expect(job).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      rowCount: null,
      error: { code: 'FAILED', message: 'The export could not be written.' },
    });
    expect(filesOf(f.accountId).filter((name) => name.includes(job.id))).toEqual([]);
    expect(await auditActions(job.id)).toEqual(['export_requested', 'export_failed']);
    // With the privilege back, the same request is written in full: the failure left nothing behind.
    expect(await exported(MESSAGES)).toMatchObject({ status: 'SUCCEEDED', rowCount: 15 });
  });

  it('stops the COPY of a RUNNING export that is cancelled, and keeps no file of it', async () => {
    // 400,000 messages on São Paulo's 12 March (1 ms apart from 15:00Z): a COPY of several seconds.
    await withTenant(app.db.owner, f.accountId, (runner) =>
      runner.query(
        `INSERT INTO messages (source, external_id, account_id, conversation_id, direction, message_type, origin, content, created_at, updated_at)
         SELECT 'test', 'bulk-' || g, $1, $2, 'incoming', 'text', 'contact', 'bulk ' || g, at, at
           FROM generate_series(1, 400000) g, LATERAL (SELECT '2026-03-12T15:00:00Z'::timestamptz + g * interval '1 millisecond' AS at) t`,
        [f.accountId, f.conversations.X],
      ),
    );
    const response = await requestExport(app, f.key, { report: 'MESSAGES', filter: { from: '2026-03-12', to: '2026-03-13' } });
    const id = response.data!.exportReport.id;
    const copying = async () => {
      const [row] = await app.db.owner.query(
        `SELECT p.pid, p.tuples_processed::float8 AS rows FROM pg_stat_progress_copy p JOIN pg_stat_activity a USING (pid)
          WHERE a.application_name = 'chat-reporting-export'`,
      );
      return row as { pid: number; rows: number } | undefined;
    };
    const started = await waitFor(
      'the COPY to stream rows',
      async () => {
        const copy = await copying();
        return copy && copy.rows > 0 ? copy : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(started.rows).toBeLessThan(400_000);
    const cancel = await app.graphql<{ cancelExport: { status: string } }>(`mutation($id: ID!) { cancelExport(id: $id) { status } }`, {
      key: f.key,
      variables: { id },
    });
    expect(cancel.data?.cancelExport.status).toBe('CANCELLED');
    // The attempt learns of the cancellation on its next progress tick (1 s) and drops its connection, ending the COPY.
    await waitFor('the COPY to stop', async () => ((await copying()) === undefined ? true : undefined), { timeoutMs: 10_000 });
    // A COPY that ran to its end would have committed and gone back to the pool; this one's connection was closed.
    // (An idle pooled connection lives 10 s, longer than this waits.)
    const closed = await waitFor(
      'the COPY connection to close',
      async () => {
        const [backend] = await app.db.owner.query('SELECT pid FROM pg_stat_activity WHERE pid = $1', [started.pid]);
        return backend ? undefined : true;
      },
      { timeoutMs: 5000 },
    );
    expect(closed).toBe(true);
    await waitFor('the partial file to go', async () => (filesOf(f.accountId).some((name) => name.includes(id)) ? undefined : true));
    const job = await waitForExport(app, f.key, id);
    expect(job).toMatchObject({ status: 'CANCELLED', rowCount: null, sha256: null, downloadUrl: null });
    expect(job.progress).toBeLessThan(1);
    expect(await auditActions(id)).toEqual(['export_requested', 'export_cancelled']);
    // Its waits are bounded above; with the 400,000-row insert before them it ran past a minute on a loaded machine.
  }, 180_000);

  it('sweeps partial files no running attempt owns, and keeps the one a running attempt writes', async () => {
    const orphan = tempPath(app.exportDir, f.accountId, crypto.randomUUID(), 1);
    const [{ id: running }] = await withTenant(app.db.owner, f.accountId, (runner) =>
      runner.query(
        `INSERT INTO export_jobs (account_id, requested_by_key_id, report, filter, columns, locale, delimiter, bom, gzip, file_name, as_of, status, attempt)
         SELECT $1, id, 'tags', '{}', '{tagId}', 'en', 'comma', false, false, 'x.csv', now(), 'running', 2 FROM api_keys WHERE account_id = $1 LIMIT 1
         RETURNING id::text AS id`,
        [f.accountId],
      ),
    );
    const current = tempPath(app.exportDir, f.accountId, running, 2);
    const superseded = tempPath(app.exportDir, f.accountId, running, 1);
    fs.mkdirSync(path.dirname(orphan), { recursive: true });
    for (const file of [orphan, current, superseded]) fs.writeFileSync(file, 'partial');
    await sweepExportFiles(app.db.runtime, app.config.exports);
    expect([orphan, current, superseded].map((file) => fs.existsSync(file))).toEqual([false, true, false]);
    await withTenant(app.db.owner, f.accountId, (runner) =>
      runner.query(`UPDATE export_jobs SET status = 'failed' WHERE id = $1`, [running]),
    );
    await sweepExportFiles(app.db.runtime, app.config.exports);
    expect(fs.existsSync(current)).toBe(false);
  });

  it('retries a webhook that answers 500 until it takes the notification, each delivery signed', async () => {
    const received: Array<{ signature: string | undefined; body: string }> = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ signature: req.headers['x-signature'] as string | undefined, body });
        res.writeHead(received.length === 1 ? 500 : 204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const job = await exported({ ...MESSAGES, notifyUrl: `http://127.0.0.1:${port}/hooks` });
      expect(job.status).toBe('SUCCEEDED');
      // pg-boss retries after 5 s; the second delivery is the one answered 2xx.
      await waitFor('the retried delivery', async () => (received.length >= 2 ? true : undefined), { timeoutMs: 30_000 });
      expect(received).toHaveLength(2);
      // Each delivery carries a freshly minted download link, so only the link (and so the signature) differs.
      const [first, second] = received.map(({ body }) => ({ ...JSON.parse(body), downloadUrl: undefined }));
      expect(second).toEqual(first);
      expect(second).toMatchObject({ id: job.id, status: 'SUCCEEDED', rowCount: 15 });
      const secret = await withTenant(app.db.owner, f.accountId, (runner) => findWebhookSecret(runner.manager));
      for (const delivery of received)
        expect(delivery.signature).toBe(`sha256=${crypto.createHmac('sha256', secret!).update(delivery.body).digest('hex')}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 45_000);

  it('sends nothing to a loopback address when private webhooks are not allowed, logs why and does not retry', async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits += 1;
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      // The API accepted loopback (this app allows private webhooks); the delivering worker's settings do not.
      const job = await exported({ ...MESSAGES, notifyUrl: `http://localhost:${port}/hooks` });
      await waitFor("the app worker's own delivery", async () => (hits === 1 ? true : undefined));
      const lines: Array<{ msg: string; reason?: string; exportId?: string }> = [];
      const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
      const config = { ...app.config, exports: { ...app.config.exports, webhookAllowPrivate: false } };
      await deliverNotification(
        { runtime: app.db.runtime, services: createExportServices(config), logger },
        { accountId: f.accountId, exportId: job.id },
      );
      expect(hits).toBe(1);
      expect(lines).toEqual([
        expect.objectContaining({
          msg: 'export notification not sent',
          exportId: job.id,
          reason: 'points at a loopback or private address',
        }),
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
