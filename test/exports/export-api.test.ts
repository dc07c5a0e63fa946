import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { createApiKey } from '../../src/auth/api-keys';
import { catalog } from '../../src/catalog';
import { reportEnumValue } from '../../src/catalog/naming';
import { withTenant } from '../../src/db/tenant-transaction';
import { signDownloadToken } from '../../src/exports/download-token';
import { sweepExportFiles } from '../../src/exports/sweep';
import { buildReportFixture, ReportFixture } from '../reports/fixture';
import { createAccount, TestAccount } from '../support/fixtures';
import { LEAK_PATTERNS, PUBLIC_CODES } from '../security/support';
import { fuzzRuns } from '../support/fuzz';
import { waitFor } from '../support/wait';
import {
  EXPORT_JOB_FIELDS,
  ExportJobView,
  ExportTestApp,
  TEST_TOKEN_SECRET,
  download,
  exportJob,
  requestExport,
  startExportTestApp,
  waitForExport,
} from './support';

const SP_DAY = { from: '2026-03-10', to: '2026-03-11' };
const MESSAGES = { report: 'MESSAGES', filter: SP_DAY };

describe('export jobs through the API', () => {
  let app: ExportTestApp;
  let f: ReportFixture;
  let foreign: TestAccount;
  const keys = { admin: '', analyst: '', otherAnalyst: '', readOnly: '' };
  const keyIds = { analyst: '' };

  beforeAll(async () => {
    app = await startExportTestApp();
    f = await buildReportFixture(app.db);
    foreign = await createAccount(app.db, { name: 'Foreign Co' });
    keys.admin = f.key;
    const make = (role: 'admin' | 'analyst', name: string, readOnly = false) =>
      withTenant(app.db.owner, f.accountId, (runner) => createApiKey(runner, { accountId: f.accountId, role, name, readOnly }));
    const analyst = await make('analyst', 'analyst one');
    keys.analyst = analyst.key;
    keyIds.analyst = analyst.id;
    keys.otherAnalyst = (await make('analyst', 'analyst two')).key;
    keys.readOnly = (await make('admin', 'read-only admin', true)).key;
  });

  afterAll(async () => {
    await app.close();
  });

  async function finished(key: string, input: Record<string, unknown>): Promise<ExportJobView> {
    const response = await requestExport(app, key, input);
    expect(response.errors).toBeUndefined();
    return waitForExport(app, key, response.data!.exportReport.id);
  }

  /** The pg-boss job that runs an export (its id is the export id). */
  async function queueJob(id: string): Promise<{ state: string; retryCount: number } | undefined> {
    const [row] = await app.db.owner.query('SELECT state::text AS state, retry_count AS "retryCount" FROM pgboss.job WHERE id = $1', [id]);
    return row;
  }

  function errorOf(response: { errors?: Array<{ extensions?: Record<string, unknown> }> }) {
    expect(response.errors).toHaveLength(1);
    return response.errors![0].extensions;
  }

  it('returns the same job for the same idempotencyKey, with one queue job whose id is the export id', async () => {
    const input = { ...MESSAGES, idempotencyKey: 'monthly-close-2026-03' };
    const first = await requestExport(app, keys.analyst, input);
    const second = await requestExport(app, keys.analyst, { ...input, locale: 'EN' });
    expect(first.errors).toBeUndefined();
    expect(second.data?.exportReport.id).toBe(first.data?.exportReport.id);
    const [{ count }] = await app.db.owner.query(`SELECT count(*)::int AS count FROM pgboss.job WHERE name = 'export-run' AND id = $1`, [
      first.data?.exportReport.id,
    ]);
    expect(count).toBe(1);
    // Another analyst of the account cannot reach that export through the key.
    expect(errorOf(await requestExport(app, keys.otherAnalyst, input))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.idempotencyKey',
    });
  });

  it('refuses unknown or repeated columns, bad filters and bad notify URLs, naming the field', async () => {
    expect(errorOf(await requestExport(app, keys.admin, { ...MESSAGES, columns: ['messageId', 'nope'] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.columns',
    });
    expect(errorOf(await requestExport(app, keys.admin, { ...MESSAGES, columns: [] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.columns',
    });
    expect(errorOf(await requestExport(app, keys.admin, { ...MESSAGES, columns: ['content', 'content'] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.columns',
    });
    expect(
      errorOf(await requestExport(app, keys.admin, { report: 'MESSAGES', filter: { from: '2026-03-11', to: '2026-03-10' } })),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.filter.from',
    });
    expect(
      errorOf(await requestExport(app, keys.admin, { report: 'TAGS', filter: { ...SP_DAY, teamIds: [f.teams.suporte] } })),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.filter.teamIds',
    });
    expect(errorOf(await requestExport(app, keys.admin, { ...MESSAGES, notifyUrl: 'ftp://example.com/x' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.notifyUrl',
    });
    expect(errorOf(await requestExport(app, keys.admin, { ...MESSAGES, idempotencyKey: 'k'.repeat(201) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.idempotencyKey',
    });
    // 0000-12-31T10:00Z, an instant in 1 BC: PostgreSQL would refuse it when the worker reads the stored range back.
    expect(
      errorOf(
        await requestExport(app, keys.admin, { report: 'MESSAGES', filter: { from: '0001-01-01T00:00:00+14:00', to: '0001-01-05' } }),
      ),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.filter.from',
    });
  });

  it('forbids read-only keys to export or cancel, and gives them no download links', async () => {
    expect(errorOf(await requestExport(app, keys.readOnly, MESSAGES))).toMatchObject({ code: 'FORBIDDEN' });
    const job = await finished(keys.admin, MESSAGES);
    const cancel = await app.graphql(`mutation($id: ID!) { cancelExport(id: $id) { status } }`, {
      key: keys.readOnly,
      variables: { id: job.id },
    });
    expect(errorOf(cancel)).toMatchObject({ code: 'FORBIDDEN' });
    const seen = await exportJob(app, keys.readOnly, job.id);
    expect(seen.data?.exportJob).toMatchObject({ status: 'SUCCEEDED', downloadUrl: null });
  });

  it('shows analysts their own exports only, and admins every export of the account', async () => {
    const mine = await finished(keys.analyst, { ...MESSAGES, columns: ['messageId'] });
    expect(mine.requestedBy).toEqual({ keyId: keyIds.analyst, name: 'analyst one' });
    expect(errorOf(await exportJob(app, keys.otherAnalyst, mine.id))).toMatchObject({ code: 'NOT_FOUND' });
    const list = (key: string) =>
      app.graphql<{ exportJobs: { totalCount: number; nodes: Array<{ id: string; requestedBy: { keyId: string } }> } }>(
        `{ exportJobs(first: 100) { totalCount nodes { id requestedBy { keyId } } } }`,
        { key },
      );
    const otherList = await list(keys.otherAnalyst);
    expect(otherList.data?.exportJobs.nodes.map((n) => n.id)).not.toContain(mine.id);
    const analystList = await list(keys.analyst);
    expect(analystList.data?.exportJobs.nodes.every((n) => n.requestedBy.keyId === keyIds.analyst)).toBe(true);
    expect(analystList.data?.exportJobs.totalCount).toBe(analystList.data?.exportJobs.nodes.length);
    const adminList = await list(keys.admin);
    expect(adminList.data?.exportJobs.nodes.map((n) => n.id)).toContain(mine.id);
    const adminView = await exportJob(app, keys.admin, mine.id);
    expect((await download(app, adminView.data!.exportJob.downloadUrl as string)).status).toBe(200);
  });

  it('pages exportJobs newest first with a status filter', async () => {
    const page = (after: string | null) =>
      app.graphql<{
        exportJobs: {
          pageInfo: { hasNextPage: boolean; endCursor: string };
          nodes: Array<{ id: string; status: string; createdAt: string }>;
        };
      }>(
        `query($after: String) { exportJobs(first: 2, after: $after, status: SUCCEEDED) { pageInfo { hasNextPage endCursor } nodes { id status createdAt } } }`,
        { key: keys.admin, variables: { after } },
      );
    const seen: Array<{ id: string; status: string; createdAt: string }> = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const response = await page(after);
      expect(response.errors).toBeUndefined();
      seen.push(...response.data!.exportJobs.nodes);
      if (!response.data!.exportJobs.pageInfo.hasNextPage) break;
      after = response.data!.exportJobs.pageInfo.endCursor;
    }
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(new Set(seen.map((j) => j.id)).size).toBe(seen.length);
    expect(seen.every((j) => j.status === 'SUCCEEDED')).toBe(true);
    expect(seen.map((j) => j.createdAt)).toEqual([...seen.map((j) => j.createdAt)].sort().reverse());
  });

  it('keeps exports beyond the account limit QUEUED, and cancels a queued one for good', async () => {
    const busy = await createAccount(app.db, { name: 'Busy Co' });
    // Two exports of the account already running (default EXPORT_ACCOUNT_CONCURRENCY = 2).
    await withTenant(app.db.owner, busy.id, async (runner) => {
      const [{ id: keyId }] = await runner.query('SELECT id FROM api_keys WHERE account_id = $1', [busy.id]);
      for (let i = 0; i < 2; i++) {
        await runner.query(
          `INSERT INTO export_jobs (account_id, requested_by_key_id, report, filter, columns, locale, delimiter, bom, gzip, file_name, as_of, status, attempt)
           VALUES ($1, $2, 'tags', '{}', '{tagId}', 'en', 'comma', false, false, 'x.csv', now(), 'running', 1)`,
          [busy.id, keyId],
        );
      }
    });
    const response = await requestExport(app, busy.key, { report: 'TAGS', filter: SP_DAY });
    const id = response.data!.exportReport.id;
    // The worker has taken the queue job and found no free slot once pg-boss counts a retry of it.
    await waitFor('the worker to find the account busy', async () => ((await queueJob(id))?.retryCount ?? 0) >= 1 || undefined);
    expect((await exportJob(app, busy.key, id)).data?.exportJob.status).toBe('QUEUED');
    const cancel = await app.graphql<{ cancelExport: ExportJobView }>(
      `mutation($id: ID!) { cancelExport(id: $id) { status finishedAt } }`,
      { key: busy.key, variables: { id } },
    );
    expect(cancel.data?.cancelExport.status).toBe('CANCELLED');
    await withTenant(app.db.owner, busy.id, (runner) =>
      runner.query(`UPDATE export_jobs SET status = 'failed' WHERE account_id = $1 AND status = 'running'`, [busy.id]),
    );
    // With the slots free, the worker's next try finds the export cancelled and completes the queue job without running it.
    await waitFor('the worker to drop the cancelled export', async () => ((await queueJob(id))?.state === 'completed' ? true : undefined));
    expect((await exportJob(app, busy.key, id)).data?.exportJob).toMatchObject({ status: 'CANCELLED', attempts: 0, downloadUrl: null });
    expect(fs.readdirSync(app.exportDir)).not.toContain(busy.id);
  });

  it('serves no byte of an export to a foreign account, a wrong route or a tampered token', async () => {
    const job = await finished(keys.admin, MESSAGES);
    const url = job.downloadUrl as string;
    expect((await download(app, url)).status).toBe(200);

    const theirs = await finished(foreign.key, { report: 'TAGS', filter: SP_DAY });
    expect(errorOf(await exportJob(app, foreign.key, job.id))).toMatchObject({ code: 'NOT_FOUND' });
    const token = new URL(url, app.url).searchParams.get('token') as string;
    const theirToken = new URL(theirs.downloadUrl as string, app.url).searchParams.get('token') as string;
    for (const attempt of [
      `/exports/${theirs.id}/download?token=${encodeURIComponent(token)}`,
      `/exports/${job.id}/download?token=${encodeURIComponent(theirToken)}`,
      `/exports/${job.id}/download?token=${encodeURIComponent(token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA'))}`,
      `/exports/${job.id}/download`,
      `/exports/${crypto.randomUUID()}/download?token=${encodeURIComponent(token)}`,
    ]) {
      const result = await download(app, attempt);
      expect([attempt, result.status, result.body.length]).toEqual([attempt, 404, 0]);
    }
    // A token signed for this export but another account: the signature holds, the account has no such export.
    const forged = signDownloadToken(TEST_TOKEN_SECRET, { exportId: job.id, accountId: foreign.id, keyId: '1' }, 60);
    const result = await download(app, `/exports/${job.id}/download?token=${forged}`);
    expect([result.status, result.body.length]).toEqual([404, 0]);
  });

  it('answers 410 with no bytes to an expired token', async () => {
    const job = await finished(keys.admin, MESSAGES);
    const [{ id: keyId }] = await withTenant(app.db.owner, f.accountId, (runner) =>
      runner.query(`SELECT id::text AS id FROM api_keys WHERE account_id = $1 AND name = 'test'`, [f.accountId]),
    );
    const stale = signDownloadToken(TEST_TOKEN_SECRET, { exportId: job.id, accountId: f.accountId, keyId }, 900, Date.now() - 3600_000);
    const result = await download(app, `/exports/${job.id}/download?token=${stale}`);
    expect([result.status, result.body.length]).toEqual([410, 0]);
  });

  it('expires files past retention: EXPIRED, file deleted, link gone', async () => {
    const job = await finished(keys.admin, { ...MESSAGES, gzip: true });
    expect(job.fileName).toMatch(/\.csv\.gz$/);
    const file = path.join(app.exportDir, f.accountId, `${job.id}.csv.gz`);
    expect(fs.existsSync(file)).toBe(true);
    const fresh = await download(app, job.downloadUrl as string);
    expect(fresh.headers.get('content-type')).toBe('application/gzip');

    await withTenant(app.db.owner, f.accountId, (runner) =>
      runner.query(`UPDATE export_jobs SET expires_at = now() - interval '1 second' WHERE account_id = $1 AND id = $2`, [
        f.accountId,
        job.id,
      ]),
    );
    // Past expiry the link stops working at once, before any sweep.
    expect((await download(app, job.downloadUrl as string)).status).toBe(410);
    const swept = await sweepExportFiles(app.db.runtime, app.config.exports);
    expect(swept.expired).toBe(1);
    expect(fs.existsSync(file)).toBe(false);
    expect((await exportJob(app, keys.admin, job.id)).data?.exportJob).toMatchObject({ status: 'EXPIRED', downloadUrl: null });
    const gone = await download(app, job.downloadUrl as string);
    expect([gone.status, gone.body.length]).toEqual([410, 0]);
  });

  it('records every export and download for admins, with the client address', async () => {
    const job = await finished(keys.analyst, { ...MESSAGES, columns: ['messageId', 'content'] });
    await download(app, job.downloadUrl as string);
    const query = `query($exportId: ID) { auditEvents(first: 10, exportId: $exportId) { totalCount nodes { action keyId exportId report rowCount clientIp filter { timeZone } } } }`;
    const audit = await app.graphql<{ auditEvents: { totalCount: number; nodes: Array<Record<string, unknown>> } }>(query, {
      key: keys.admin,
      variables: { exportId: job.id },
    });
    expect(audit.errors).toBeUndefined();
    const rows = job.rowCount;
    expect(rows).toBe(15);
    expect(audit.data?.auditEvents.nodes).toEqual([
      {
        action: 'EXPORT_DOWNLOADED',
        keyId: keyIds.analyst,
        exportId: job.id,
        report: 'MESSAGES',
        rowCount: rows,
        clientIp: '127.0.0.1',
        filter: { timeZone: 'America/Sao_Paulo' },
      },
      {
        action: 'EXPORT_SUCCEEDED',
        keyId: keyIds.analyst,
        exportId: job.id,
        report: 'MESSAGES',
        rowCount: rows,
        clientIp: null,
        filter: { timeZone: 'America/Sao_Paulo' },
      },
      {
        action: 'EXPORT_REQUESTED',
        keyId: keyIds.analyst,
        exportId: job.id,
        report: 'MESSAGES',
        rowCount: null,
        clientIp: '127.0.0.1',
        filter: { timeZone: 'America/Sao_Paulo' },
      },
    ]);
    expect(errorOf(await app.graphql(query, { key: keys.analyst }))).toMatchObject({ code: 'FORBIDDEN' });
    const foreignAudit = await app.graphql<{ auditEvents: { totalCount: number } }>(query, {
      key: foreign.key,
      variables: { exportId: job.id },
    });
    expect(foreignAudit.data?.auditEvents.totalCount).toBe(0);
  });

  it('counts the rows of the messages report by hand', async () => {
    const job = await finished(keys.admin, MESSAGES);
    // Every message of the São Paulo day but activity (x5), deleted ones included:
    // x1-x4 (4) + y1 y2 y4 y3 (4) + z1-z3 (3) + v1 v2 (2) + u1 u2 (2) = 15; w1 (02:30Z) is on the 9th there.
    expect(job.rowCount).toBe(15);
  });

  it('neither shows nor creates the webhook secret for a read-only admin key (issue 16)', async () => {
    const secrets = async () =>
      (await app.db.owner.query('SELECT count(*)::int AS n FROM account_secrets WHERE account_id = $1', [f.accountId]))[0].n;
    const before = await secrets();
    const refused = await app.graphql('{ exportWebhookSecret }', { key: keys.readOnly });
    expect(refused.data).toBeNull();
    expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN' });
    // Its holder could forge the account's signed notifications, so not even a first secret is made for it.
    expect(await secrets()).toBe(before);
  });

  it('POSTs the finished job to notifyUrl, signed with the account secret', async () => {
    const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const job = await finished(keys.admin, { ...MESSAGES, notifyUrl: `http://127.0.0.1:${port}/hooks/exports?source=test` });
      await waitFor('the notification', async () => (received.length > 0 ? true : undefined));
      expect(received).toHaveLength(1);
      const [delivery] = received;
      const secret = (await app.graphql<{ exportWebhookSecret: string }>('{ exportWebhookSecret }', { key: keys.admin })).data
        ?.exportWebhookSecret as string;
      expect(secret.length).toBeGreaterThanOrEqual(32);
      const expected = `sha256=${crypto.createHmac('sha256', secret).update(delivery.body).digest('hex')}`;
      expect(delivery.headers['x-signature']).toBe(expected);
      expect(delivery.headers['content-type']).toBe('application/json');
      const payload = JSON.parse(delivery.body);
      expect(payload).toMatchObject({
        id: job.id,
        report: 'MESSAGES',
        status: 'SUCCEEDED',
        rowCount: 15,
        sha256: job.sha256,
        fileName: job.fileName,
      });
      // The body is the ExportJob as GraphQL shows it, field for field; only the link is minted afresh on each read.
      const selection = `${EXPORT_JOB_FIELDS} idempotencyKey filter { inboxIds channelTypes teamIds agentIds }`;
      const read = await app.graphql<{ exportJob: ExportJobView }>(`query($id: ID!) { exportJob(id: $id) { ${selection} } }`, {
        key: keys.admin,
        variables: { id: job.id },
      });
      const { downloadUrl: _link, ...shown } = read.data!.exportJob;
      expect({ ...payload, downloadUrl: undefined }).toEqual({ ...shown, downloadUrl: undefined });
      expect((await download(app, payload.downloadUrl)).status).toBe(200);
      expect(errorOf(await app.graphql('{ exportWebhookSecret }', { key: keys.analyst }))).toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers any export input with data or a coded client error (fuzz)', async () => {
    const fields = [...new Set(catalog.flatMap((r) => r.columns.map((c) => c.field)))];
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-03-${String(d).padStart(2, '0')}`);
    const input = fc.record(
      {
        report: fc.oneof(fc.constantFrom(...catalog.map((r) => reportEnumValue(r.key))), fc.string()),
        filter: fc.record(
          {
            from: fc.oneof(day, fc.string(), fc.constant('2026-02-30')),
            to: fc.oneof(day, fc.string(), fc.constant('2030-01-01T00:00:00Z')),
            timeZone: fc.oneof(
              fc.constantFrom('UTC', 'America/Sao_Paulo', 'Mars/Olympus', "'; DROP TABLE x; --", 'UTC\u0000'),
              fc.string({ unit: 'binary' }),
            ),
            inboxIds: fc.array(fc.oneof(fc.constant(f.inboxes.W), fc.string(), fc.constant('99999999999999999999')), { maxLength: 3 }),
            channelTypes: fc.array(fc.constantFrom('WHATSAPP', 'INSTAGRAM', 'NOPE'), { maxLength: 2 }),
            teamIds: fc.array(fc.oneof(fc.constant(f.teams.suporte), fc.string()), { maxLength: 2 }),
          },
          { requiredKeys: ['from', 'to'] },
        ),
        columns: fc.array(fc.oneof(fc.constantFrom(...fields), fc.string()), { maxLength: 4 }),
        locale: fc.constantFrom('EN', 'PT_BR', 'XX'),
        delimiter: fc.constantFrom('COMMA', 'SEMICOLON', 'TAB', 'PIPE'),
        gzip: fc.boolean(),
        idempotencyKey: fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 20 })),
        notifyUrl: fc.oneof(fc.constant('http://127.0.0.1:9/x'), fc.constant('javascript:alert(1)'), fc.webUrl(), fc.string()),
      },
      { requiredKeys: ['report', 'filter'] },
    );
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        const response = await requestExport(app, keys.admin, value);
        expect(response.status).toBeLessThan(500);
        if (response.errors) {
          for (const error of response.errors) {
            expect(PUBLIC_CODES).toContain(error.extensions?.code);
            expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
            for (const pattern of LEAK_PATTERNS) expect(error.message).not.toMatch(pattern);
          }
        } else {
          expect(response.data?.exportReport.status).toMatch(/^(QUEUED|RUNNING|SUCCEEDED)$/);
        }
      }),
      fuzzRuns(80),
    );
  });
});
