import { createApiKey } from '../../src/auth/api-keys';
import { withTenant } from '../../src/db/tenant-transaction';
import { ExportWorker, startExportWorker } from '../../src/exports/worker';
import { createLogger } from '../../src/logger';
import { buildReportFixture, ReportFixture } from '../reports/fixture';
import { createAccount, TestAccount } from '../support/fixtures';
import { BOM, download, ExportTestApp, requestExport, startExportTestApp, waitForExport } from './support';

interface Pulled {
  status: number;
  headers: Headers;
  body: Buffer;
}

async function pull(app: ExportTestApp, path: string, key?: string): Promise<Pulled> {
  const response = await fetch(`${app.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** A refusal: the status, one coded error and nothing else (no header line, no row). */
function refusal(response: Pulled): { code: string; field?: string; reason?: string; message: string } {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(response.body.toString('utf8'));
  expect(Object.keys(body)).toEqual(['errors']);
  expect(body.errors).toHaveLength(1);
  return { message: body.errors[0].message, ...body.errors[0].extensions };
}

/** São Paulo's 10 March 2026 = [03:00Z 10th, 03:00Z 11th), the fixture's day (test/reports/fixture.ts). */
const DAY = 'from=2026-03-10&to=2026-03-11';

describe('pull endpoint: GET /reports/<key>.csv and .ndjson', () => {
  let app: ExportTestApp;
  let f: ReportFixture;
  let other: TestAccount;
  let otherInbox: string;
  let worker: ExportWorker | undefined;

  beforeAll(async () => {
    // The worker starts only once an export's asOf has been set to the pull's (see below).
    app = await startExportTestApp({ worker: false });
    f = await buildReportFixture(app.db);
    other = await createAccount(app.db, { timeZone: 'America/Sao_Paulo' });
    [{ id: otherInbox }] = await withTenant(app.db.owner, other.id, (runner) =>
      runner.query(
        `INSERT INTO inboxes (source, external_id, account_id, name, display_name, channel_type, medium, official, server)
                    VALUES ('test', 'other', $1, 'other', 'Other', 'whatsapp', 'WhatsApp', true, 's') RETURNING id::text AS id`,
        [other.id],
      ),
    );
  });

  afterAll(async () => {
    await worker?.stop();
    await app.close();
  });

  /**
   * An export of the same request through the real pipeline (GraphQL mutation, pg-boss, worker,
   * file, download). A pull reads as of its own request and the export as of its own; reports
   * clip open intervals and count replies up to `asOf`, so the export's asOf is set to the
   * instant the pull reports before the worker runs it: the bytes can then only differ if the
   * SQL, the validation or the CSV rules do.
   */
  async function exportAsOf(input: Record<string, unknown>, asOf: string): Promise<{ body: Buffer; filter: Record<string, unknown> }> {
    const requested = await requestExport(app, f.key, input);
    expect(requested.errors).toBeUndefined();
    const id = requested.data!.exportReport.id;
    await app.db.owner.query(`UPDATE export_jobs SET filter = jsonb_set(filter, '{asOf}', to_jsonb($2::text)) WHERE id = $1`, [id, asOf]);
    worker ??= await startExportWorker({
      owner: app.db.owner,
      runtime: app.db.runtime,
      config: app.config,
      logger: createLogger('silent'),
    });
    const job = await waitForExport(app, f.key, id);
    expect(job.status).toBe('SUCCEEDED');
    const file = await download(app, job.downloadUrl as string);
    expect(file.status).toBe(200);
    const [stored] = await app.db.owner.query('SELECT filter FROM export_jobs WHERE id = $1', [id]);
    return { body: file.body, filter: stored.filter };
  }

  it.each([
    {
      name: 'conversations_resolved, Portuguese, semicolon, BOM, New York',
      path: `/reports/conversations_resolved.csv?from=2026-03-10T03:00:00Z&to=2026-03-11T03:00:00Z&timeZone=America/New_York&locale=PT_BR&delimiter=SEMICOLON&bom=true`,
      input: {
        report: 'CONVERSATIONS_RESOLVED',
        filter: { from: '2026-03-10T03:00:00Z', to: '2026-03-11T03:00:00Z', timeZone: 'America/New_York' },
        locale: 'PT_BR',
        delimiter: 'SEMICOLON',
        bom: true,
      },
      zone: 'America/New_York',
    },
    {
      name: 'agent_presence (clipped to asOf), English, the account zone',
      path: `/reports/agent_presence.csv?${DAY}&locale=EN`,
      input: { report: 'AGENT_PRESENCE', filter: { from: '2026-03-10', to: '2026-03-11' }, locale: 'EN' },
      zone: 'America/Sao_Paulo',
    },
    {
      name: 'messages of one inbox, chosen columns in a chosen order, tab',
      path: `/reports/messages.csv?${DAY}&inboxIds=${'W'}&columns=content,messageId&delimiter=tab`,
      input: {
        report: 'MESSAGES',
        filter: { from: '2026-03-10', to: '2026-03-11', inboxIds: ['W'] },
        columns: ['content', 'messageId'],
        delimiter: 'TAB',
      },
      zone: 'America/Sao_Paulo',
    },
  ])('streams the same bytes as an export of the same request: $name', async ({ path, input, zone }) => {
    const inbox = f.inboxes.W;
    const pulled = await pull(app, path.replace('inboxIds=W', `inboxIds=${inbox}`), f.key);
    expect(pulled.status).toBe(200);
    expect(pulled.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(pulled.headers.get('x-report-time-zone')).toBe(zone);
    const asOf = pulled.headers.get('x-report-as-of') as string;
    expect(Math.abs(Date.parse(asOf) - Date.now())).toBeLessThan(60_000);
    const filter = input.filter as Record<string, unknown>;
    const exported = await exportAsOf({ ...input, filter: filter.inboxIds ? { ...filter, inboxIds: [inbox] } : filter }, asOf);
    expect(exported.filter.asOf).toBe(asOf);
    // Non-empty and more than a header, so equal bytes say something.
    expect(pulled.body.toString('utf8').trim().split('\n').length).toBeGreaterThan(1);
    expect(pulled.body.equals(exported.body)).toBe(true);
  });

  it('starts a CSV with the BOM only when asked', async () => {
    const withBom = await pull(app, `/reports/teams.csv?${DAY}&bom=true`, f.key);
    const without = await pull(app, `/reports/teams.csv?${DAY}`, f.key);
    expect(withBom.body.subarray(0, 3).equals(BOM)).toBe(true);
    expect(without.body.subarray(0, 3).equals(BOM)).toBe(false);
    expect(withBom.body.subarray(3).equals(without.body)).toBe(true);
  });

  it('writes NDJSON with typed values: numbers, nulls, lists, GraphQL enum values, instants in the zone', async () => {
    const columns = 'conversationId,currentStatus,firstResponseTimeSeconds,resolvedAt,topicNames,csatScore';
    const pulled = await pull(app, `/reports/conversations_resolved.ndjson?${DAY}&columns=${columns}`, f.key);
    expect(pulled.status).toBe(200);
    expect(pulled.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const text = pulled.body.toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    // Key order is the requested column order.
    expect(Object.keys(JSON.parse(lines[0]))).toEqual(columns.split(','));
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      // X: handover 14:02 → Ana 14:30 = 1680 s; resolved 14:40Z = 11:40 in São Paulo (UTC-3); CSAT 5
      {
        conversationId: f.conversations.X,
        currentStatus: 'RESOLVED',
        firstResponseTimeSeconds: 1680,
        resolvedAt: '2026-03-10T11:40:00-03:00',
        topicNames: ['Entrega'],
        csatScore: 5,
      },
      // Y: 13:00 → 16:20 = 12000 s; first resolved 13:12Z; pending again; no CSAT
      {
        conversationId: f.conversations.Y,
        currentStatus: 'PENDING',
        firstResponseTimeSeconds: 12000,
        resolvedAt: '2026-03-10T10:12:00-03:00',
        topicNames: ['Entrega'],
        csatScore: null,
      },
      // Z: 12:30 → 12:45 = 900 s; bulk resolve 18:00Z; no topic (an empty list); CSAT 2
      {
        conversationId: f.conversations.Z,
        currentStatus: 'RESOLVED',
        firstResponseTimeSeconds: 900,
        resolvedAt: '2026-03-10T15:00:00-03:00',
        topicNames: [],
        csatScore: 2,
      },
      // U: no human reply (null); the bot resolved at 20:05Z
      {
        conversationId: f.conversations.U,
        currentStatus: 'RESOLVED',
        firstResponseTimeSeconds: null,
        resolvedAt: '2026-03-10T17:05:00-03:00',
        topicNames: ['Entrega'],
        csatScore: null,
      },
    ]);
  });

  it('writes the same typed values in NDJSON as the report field over GraphQL, text untouched (no formula apostrophe)', async () => {
    const pulled = await pull(app, `/reports/messages.ndjson?${DAY}&columns=messageId,content,tagNames,deletedAt`, f.key);
    expect(pulled.status).toBe(200);
    const rows = pulled.body
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const page = await app.graphql<{ messagesReport: { nodes: Array<{ messageId: string; content: string | null; tagNames: string[] }> } }>(
      `{ messagesReport(filter: { from: "2026-03-10", to: "2026-03-11" }, first: 1000) { nodes { messageId content tagNames } } }`,
      { key: f.key },
    );
    expect(page.errors).toBeUndefined();
    const nodes = page.data!.messagesReport.nodes;
    expect(nodes.length).toBeGreaterThan(3);
    expect(rows.map(({ messageId, content, tagNames }) => ({ messageId, content, tagNames }))).toEqual(nodes);
    // Y's "=1+1" (deleted 16:06Z = 13:06 in São Paulo) is data in JSON, not a formula: no apostrophe, unlike the CSV.
    expect(rows.filter((row) => row.deletedAt !== null)).toEqual([
      expect.objectContaining({ content: '=1+1', deletedAt: '2026-03-10T13:06:00-03:00' }),
    ]);
    const csv = await pull(app, `/reports/messages.csv?${DAY}&columns=content`, f.key);
    expect(csv.body.toString('utf8')).toContain("\n'=1+1\n");
  });

  it('records each pull in the audit trail with its report, filter and client address, and nothing for a refused one', async () => {
    const before: Array<{ n: number }> = await app.db.owner.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE account_id = $1 AND action = 'report_pulled'`,
      [f.accountId],
    );
    expect((await pull(app, `/reports/tags.csv?${DAY}&timeZone=Mars/Olympus`, f.key)).status).toBe(400);
    expect((await pull(app, `/reports/tags.csv?${DAY}&channelTypes=whatsapp,INSTAGRAM`, f.key)).status).toBe(200);
    const events = await app.db.owner.query(
      `SELECT action, report, filter, host(client_ip) AS ip FROM audit_events WHERE account_id = $1 AND action = 'report_pulled' ORDER BY id`,
      [f.accountId],
    );
    expect(events).toHaveLength(before[0].n + 1);
    const event = events[events.length - 1];
    expect(event).toMatchObject({ report: 'tags', ip: '127.0.0.1' });
    expect(event.filter).toMatchObject({
      from: '2026-03-10T03:00:00.000Z',
      to: '2026-03-11T03:00:00.000Z',
      timeZone: 'America/Sao_Paulo',
      channelTypes: ['whatsapp', 'instagram'],
    });
  });

  it('lets read-only keys pull (they are read keys)', async () => {
    const readOnly = await withTenant(app.db.owner, f.accountId, (runner) =>
      createApiKey(runner, { accountId: f.accountId, role: 'analyst', name: 'bi', readOnly: true }),
    );
    const pulled = await pull(app, `/reports/teams.csv?${DAY}`, readOnly.key);
    expect(pulled.status).toBe(200);
    expect(pulled.body.equals((await pull(app, `/reports/teams.csv?${DAY}`, f.key)).body)).toBe(true);
  });

  it('refuses ingest keys, which are write-only, with 403 and no bytes', async () => {
    const ingest = await withTenant(app.db.owner, f.accountId, (runner) =>
      createApiKey(runner, { accountId: f.accountId, role: 'ingest', name: 'feed' }),
    );
    const pulled = await pull(app, `/reports/teams.csv?${DAY}`, ingest.key);
    expect(pulled.status).toBe(403);
    expect(refusal(pulled)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps tenants apart: another account reads only its own rows and cannot name this account’s inboxes', async () => {
    const own = await pull(app, `/reports/messages.csv?${DAY}&columns=messageId`, other.key);
    expect(own.status).toBe(200);
    expect(own.body.toString('utf8')).toBe('Message ID\n');
    const foreign = await pull(app, `/reports/messages.csv?${DAY}&inboxIds=${f.inboxes.W}`, other.key);
    expect(foreign.status).toBe(400);
    expect(refusal(foreign)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'inboxIds',
      message: `inboxIds has unknown ids: ${f.inboxes.W}.`,
    });
  });

  it.each([
    ['no key', `/reports/teams.csv?${DAY}`, undefined, 401, { code: 'UNAUTHENTICATED' }],
    ['an unknown key', `/reports/teams.csv?${DAY}`, 'crk_not-a-key', 401, { code: 'UNAUTHENTICATED' }],
    ['a foreign inbox id', `/reports/teams.csv?${DAY}&inboxIds=OTHER`, 'KEY', 400, { code: 'BAD_USER_INPUT', field: 'inboxIds' }],
    ['a bad zone', `/reports/teams.csv?${DAY}&timeZone=Mars/Olympus`, 'KEY', 400, { code: 'BAD_USER_INPUT', field: 'timeZone' }],
    // 1 Feb → 10 Mar = 28 + 9 = 37 days > 31
    [
      'an over-long range',
      '/reports/teams.csv?from=2026-02-01&to=2026-03-10',
      'KEY',
      400,
      { code: 'BAD_USER_INPUT', field: 'to', reason: 'RANGE_TOO_LONG_FOR_PULL', use: 'exportReport', maxRangeDays: 31 },
    ],
    ['an unknown report', `/reports/sales.csv?${DAY}`, 'KEY', 404, { code: 'NOT_FOUND', field: 'report' }],
    ['an unknown format', `/reports/teams.xlsx?${DAY}`, 'KEY', 404, { code: 'NOT_FOUND', field: 'report' }],
    ['a bad column', `/reports/teams.csv?${DAY}&columns=teamName,revenue`, 'KEY', 400, { code: 'BAD_USER_INPUT', field: 'columns' }],
    ['a bad date', '/reports/teams.csv?from=2026-02-30&to=2026-03-10', 'KEY', 400, { code: 'BAD_USER_INPUT', field: 'from' }],
    ['a missing end', '/reports/teams.csv?from=2026-03-10', 'KEY', 400, { code: 'BAD_USER_INPUT', field: 'to' }],
    ['from after to', '/reports/teams.csv?from=2026-03-11&to=2026-03-10', 'KEY', 400, { code: 'BAD_USER_INPUT', field: 'from' }],
    ['a bad channel type', `/reports/teams.csv?${DAY}&channelTypes=PIGEON`, 'KEY', 400, { code: 'BAD_USER_INPUT', field: 'channelTypes' }],
    ['a bad delimiter', `/reports/teams.csv?${DAY}&delimiter=pipe`, 'KEY', 400, { code: 'BAD_USER_INPUT', field: 'delimiter' }],
    ['a bad bom', `/reports/teams.csv?${DAY}&bom=yes`, 'KEY', 400, { code: 'BAD_USER_INPUT', field: 'bom' }],
    ['an unknown parameter', `/reports/teams.csv?${DAY}&inboxId=1`, 'KEY', 400, { code: 'BAD_USER_INPUT', field: 'inboxId' }],
    [
      'a repeated parameter',
      `/reports/teams.csv?${DAY}&columns=teamName&columns=teamId`,
      'KEY',
      400,
      { code: 'BAD_USER_INPUT', field: 'columns' },
    ],
    [
      'a team filter on a report without teams',
      `/reports/tags.csv?${DAY}&teamIds=1`,
      'KEY',
      400,
      { code: 'BAD_USER_INPUT', field: 'teamIds' },
    ],
  ])('refuses %s with a coded JSON error and no data', async (_name, path, key, status, expected) => {
    const response = await pull(app, path.replace('OTHER', otherInbox), key === 'KEY' ? f.key : key);
    expect(response.status).toBe(status);
    expect(refusal(response)).toMatchObject(expected);
  });

  it('points an over-long range to exportReport in its message', async () => {
    const response = await pull(app, '/reports/teams.csv?from=2026-02-01&to=2026-03-10', f.key);
    expect(refusal(response).message).toBe(
      'The range spans 37 days; a pull reads at most 31. Export longer ranges as a file with the exportReport mutation.',
    );
  });
});

describe('pull endpoint limits', () => {
  let app: ExportTestApp;
  let f: ReportFixture;

  beforeAll(async () => {
    app = await startExportTestApp({
      worker: false,
      configure: (config) => ({
        ...config,
        security: { ...config.security, rateLimitBurst: 3, rateLimitPerSecond: 1 },
        pull: { maxRangeDays: 2, statementTimeoutMs: 1 },
      }),
    });
    f = await buildReportFixture(app.db);
  });

  afterAll(async () => {
    await app.close();
  });

  it('applies PULL_MAX_RANGE_DAYS, PULL_STATEMENT_TIMEOUT_MS and the key’s rate limit', async () => {
    // 8 → 11 March = 3 days > 2
    const long = await pull(app, '/reports/agent_metrics.csv?from=2026-03-08&to=2026-03-11', f.key);
    expect(long.status).toBe(400);
    expect(refusal(long)).toMatchObject({ reason: 'RANGE_TOO_LONG_FOR_PULL', maxRangeDays: 2 });
    // 1 ms is less than PostgreSQL takes to plan the agent metrics report, so its COPY times out before a row.
    const slow = await pull(app, `/reports/agent_metrics.csv?${DAY}`, f.key);
    expect(slow.status).toBe(504);
    expect(refusal(slow)).toMatchObject({ code: 'TIMEOUT', reason: 'STATEMENT_TIMEOUT' });
    // The bucket held 3; the two pulls above took 2, this one the last, the next is refused.
    expect((await pull(app, `/reports/agent_metrics.csv?${DAY}`, f.key)).status).toBe(504);
    const limited = await pull(app, `/reports/agent_metrics.csv?${DAY}`, f.key);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(refusal(limited)).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
