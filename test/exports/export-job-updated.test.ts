import fs from 'node:fs';
import path from 'node:path';
import { createApiKey } from '../../src/auth/api-keys';
import { withTenant } from '../../src/db/tenant-transaction';
import { TestAccount, createAccount, insertRows } from '../support/fixtures';
import { ChildWorker, startChildWorker, stopChildWorker } from './child-worker';
import { EventStream, StreamEvent, isStream, openEventStream } from './event-stream';
import { ExportTestApp, exportJob, requestExport, startExportTestApp, waitForExport } from './support';

const SUBSCRIPTION = `subscription($id: ID) { exportJobUpdated(id: $id) { id status progress rowCount sha256 downloadUrl } }`;
const CONVERSATIONS = 400;
const MESSAGES_PER_CONVERSATION = 400;
const EXPORT = {
  report: 'MESSAGES',
  filter: { from: '2026-03-10', to: '2026-03-11', timeZone: 'UTC' },
  locale: 'PT_BR',
  delimiter: 'SEMICOLON',
  bom: true,
};

interface JobEvent {
  id: string;
  status: string;
  progress: number;
  rowCount: number | null;
  sha256: string | null;
  downloadUrl: string | null;
}

function job(event: StreamEvent): JobEvent | undefined {
  return (event.data as { data?: { exportJobUpdated?: JobEvent } } | null)?.data?.exportJobUpdated;
}

async function subscribe(app: ExportTestApp, key: string, variables: Record<string, unknown> = {}): Promise<EventStream> {
  const opened = await openEventStream(app.url, key, SUBSCRIPTION, variables);
  if (!isStream(opened)) throw new Error(`no stream: ${JSON.stringify(opened)}`);
  return opened;
}

async function startedExport(app: ExportTestApp, key: string, input: Record<string, unknown> = EXPORT): Promise<string> {
  const response = await requestExport(app, key, input);
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.exportReport.id;
}

/** Issue 14: `exportJobUpdated` over Server-Sent Events, fed by LISTEN/NOTIFY from any process. */
describe('exportJobUpdated over /graphql/stream', () => {
  let app: ExportTestApp;
  let big: TestAccount;
  let other: TestAccount;
  let dataDir: string;
  let worker: ChildWorker | undefined;
  const streams: EventStream[] = [];

  beforeAll(async () => {
    // No worker in this process: exports are written by a child process only.
    app = await startExportTestApp({ worker: false });
    dataDir = fs.mkdtempSync(path.join(app.exportDir, '..', 'exports-live-data-'));
    big = await createAccount(app.db, { name: 'Big Co' });
    other = await createAccount(app.db, { name: 'Other Co' });
    for (const account of [big, other]) {
      const [inbox] = await insertRows(app.db, account.id, 'inboxes', [
        { name: 'WA', display_name: 'WhatsApp', channel_type: 'whatsapp', medium: 'WhatsApp' },
      ]);
      const [contact] = await insertRows(app.db, account.id, 'contacts', [
        { medium: 'WhatsApp', name: 'Zé', primary_identifier: '+5511900000000' },
      ]);
      // Big Co's export runs for seconds (160,000 messages), long enough for progress reports; Other Co's has 10 messages.
      const conversations = account === big ? CONVERSATIONS : 1;
      const perConversation = account === big ? MESSAGES_PER_CONVERSATION : 10;
      await withTenant(app.db.owner, account.id, async (runner) => {
        await runner.query(
          `INSERT INTO conversations (source, external_id, account_id, display_id, inbox_id, contact_id, status, created_at, updated_at)
           SELECT 'test', 'c-' || n, $1, n, $2, $3, 'open', timestamptz '2026-03-10 00:00Z', timestamptz '2026-03-10 00:00Z' FROM generate_series(1, $4) n`,
          [account.id, inbox, contact, conversations],
        );
        await runner.query(
          `INSERT INTO messages (source, external_id, account_id, conversation_id, direction, message_type, origin, sender_contact_id, content, created_at, updated_at)
           SELECT 'test', 'm-' || c.id || '-' || g, $1, c.id, 'incoming', 'text', 'contact', $2, 'Olá ' || g,
                  timestamptz '2026-03-10 00:00Z' + ((c.display_id - 1) * $3 + g) * interval '100 milliseconds',
                  timestamptz '2026-03-10 00:00Z' + ((c.display_id - 1) * $3 + g) * interval '100 milliseconds'
             FROM conversations c CROSS JOIN generate_series(1, $3) g WHERE c.account_id = $1`,
          [account.id, contact, perConversation],
        );
      });
    }
    // Ticks every 50 ms, so that progress lands while COPY runs however fast the machine is.
    worker = await startChildWorker(app.exportDir, dataDir, { EXPORT_PROGRESS_INTERVAL_MS: '50' });
  }, 120_000);

  afterEach(() => {
    streams.splice(0).forEach((stream) => stream.close());
  });

  afterAll(async () => {
    if (worker) await stopChildWorker(worker);
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('pushes QUEUED, RUNNING with progress and SUCCEEDED of an export a worker in another process runs', async () => {
    const stream = await subscribe(app, big.key);
    streams.push(stream);
    expect(stream.status).toBe(200);
    const id = await startedExport(app, big.key);
    await stream.until((event) => job(event)?.status === 'SUCCEEDED', 90_000);
    const updates = stream.events.map(job).filter((update): update is JobEvent => update?.id === id);
    const statuses = updates.map((update) => update.status).filter((status, i, all) => status !== all[i - 1]);
    expect(statuses).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
    const running = updates.filter((update) => update.status === 'RUNNING');
    // The claim starts at 0; the worker's ticks report the share COPY has sent, below 1 until the end.
    expect(running[0].progress).toBe(0);
    expect(running.some((update) => update.progress > 0 && update.progress < 1)).toBe(true);
    const progress = running.map((update) => update.progress);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    const last = updates[updates.length - 1];
    // 400 conversations × 400 messages, 100 ms apart from 2026-03-10 00:00 UTC: 160,000 × 0.1 s = 4.4 h, all on that day.
    expect(last.rowCount).toBe(CONVERSATIONS * MESSAGES_PER_CONVERSATION);
    expect(last.progress).toBe(1);
    const described = (await exportJob(app, big.key, id)).data?.exportJob;
    expect(last.sha256).toBe(described?.sha256);
    expect(last.downloadUrl).toMatch(new RegExp(`^/exports/${id}/download\\?token=`));
  }, 120_000);

  it('never shows one account the exports of another, whether listening to all or following one id', async () => {
    const bigStream = await subscribe(app, big.key);
    const otherStream = await subscribe(app, other.key);
    streams.push(bigStream, otherStream);
    const otherId = await startedExport(app, other.key, { ...EXPORT, idempotencyKey: 'other-1' });
    const bigId = await startedExport(app, big.key, { ...EXPORT, locale: 'EN', idempotencyKey: 'big-1' });
    await otherStream.until((event) => job(event)?.id === otherId && job(event)?.status === 'SUCCEEDED', 90_000);
    await bigStream.until((event) => job(event)?.id === bigId && job(event)?.status === 'SUCCEEDED', 90_000);
    expect(new Set(otherStream.events.map((event) => job(event)?.id).filter(Boolean))).toEqual(new Set([otherId]));
    expect(new Set(bigStream.events.map((event) => job(event)?.id).filter(Boolean))).toEqual(new Set([bigId]));
    // Other Co's 1 conversation × 10 messages.
    expect(job(otherStream.events.find((event) => job(event)?.status === 'SUCCEEDED') as StreamEvent)?.rowCount).toBe(10);

    // Following another account's export by its id: NOT_FOUND, then the stream ends; no state of it.
    const foreign = await subscribe(app, other.key, { id: bigId });
    await foreign.ended;
    expect(foreign.events.map((event) => event.event)).toEqual(['next', 'complete']);
    const [first] = foreign.events;
    expect((first.data as { errors: Array<{ extensions: { code: string } }> }).errors.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(foreign.events)).not.toContain('SUCCEEDED');

    // Following one's own export by id starts with its current state.
    const own = await subscribe(app, big.key, { id: bigId });
    streams.push(own);
    const current = await own.until((event) => event.event === 'next');
    expect(job(current)).toMatchObject({ id: bigId, status: 'SUCCEEDED', rowCount: CONVERSATIONS * MESSAGES_PER_CONVERSATION });
  }, 120_000);

  it('shows an analyst its own exports only, as exportJob does', async () => {
    const analyst = await withTenant(app.db.owner, big.id, (runner) =>
      createApiKey(runner, { accountId: big.id, role: 'analyst', name: 'analyst' }),
    );
    const stream = await subscribe(app, analyst.key);
    streams.push(stream);
    const adminId = await startedExport(app, big.key, { ...EXPORT, idempotencyKey: 'admin-2' });
    const analystId = await startedExport(app, analyst.key, { ...EXPORT, idempotencyKey: 'analyst-1' });
    await stream.until((event) => job(event)?.id === analystId && job(event)?.status === 'SUCCEEDED', 90_000);
    await waitForExport(app, big.key, adminId);
    // Notifications arrive in commit order on one connection: once this later one is heard, any of the admin's would have been.
    const laterId = await startedExport(app, analyst.key, { ...EXPORT, idempotencyKey: 'analyst-2' });
    await stream.until((event) => job(event)?.id === laterId);
    expect(new Set(stream.events.map((event) => job(event)?.id).filter(Boolean))).toEqual(new Set([analystId, laterId]));
    await waitForExport(app, analyst.key, laterId);
  }, 120_000);

  it('refuses a bad key, a missing Accept and queries with coded errors and no stream', async () => {
    const bad = await openEventStream(app.url, 'crk_not-a-key', SUBSCRIPTION);
    expect(isStream(bad)).toBe(false);
    expect(bad).toMatchObject({ status: 401, body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] } });
    const none = await openEventStream(app.url, null, SUBSCRIPTION);
    expect(none).toMatchObject({ status: 401, body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] } });
    const query = await openEventStream(app.url, big.key, '{ account { name } }');
    expect(query).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' } }] } });
    const invalid = await openEventStream(app.url, big.key, 'subscription { exportJobUpdated { nope } }');
    expect(invalid).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' } }] },
    });
    const plain = await fetch(`${app.url}/graphql/stream`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${big.key}` },
      body: JSON.stringify({ query: SUBSCRIPTION }),
    });
    expect(plain.status).toBe(406);
    expect(await plain.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('applies the rate limit of /graphql to opening a stream', async () => {
    const limited = await startExportTestApp({
      worker: false,
      configure: (config) => ({ ...config, security: { ...config.security, rateLimitBurst: 1, rateLimitPerSecond: 0.01 } }),
    });
    try {
      const account = await createAccount(limited.db, { name: 'Limited Co' });
      const first = await openEventStream(limited.url, account.key, SUBSCRIPTION);
      expect(isStream(first)).toBe(true);
      const second = await openEventStream(limited.url, account.key, SUBSCRIPTION);
      expect(second).toMatchObject({ status: 429, body: { errors: [{ extensions: { code: 'RATE_LIMITED' } }] } });
      if (isStream(first)) first.close();
    } finally {
      await limited.close();
    }
  });

  it('ends every open stream with its complete event when the server stops', async () => {
    const stopping = await startExportTestApp({ worker: false });
    const account = await createAccount(stopping.db, { name: 'Stopping Co' });
    const stream = await subscribe(stopping, account.key);
    await stopping.close();
    await stream.ended;
    expect(stream.events.map((event) => event.event)).toEqual(['complete']);
  });
});
