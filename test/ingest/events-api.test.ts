import http from 'node:http';
import { withTenant } from '../../src/db/tenant-transaction';
import { createAccount, TestAccount } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/app';
import { waitFor } from '../support/wait';
import { LOG_WITH_STATES } from '../support/ingest';

const MAX_EVENTS = 20;
const MAX_BYTES = 8192;

const team = (id: string, name = `Team ${id}`) => ({
  id: `evt-${id}`,
  type: 'team.upserted',
  occurredAt: '2026-03-10T09:00:00Z',
  data: { team: id, name },
});

describe('POST /ingest/v1/events', () => {
  let app: TestApp;
  let ingest: TestAccount;
  let admin: TestAccount;

  beforeAll(async () => {
    app = await startTestApp({
      configure: (config) => ({ ...config, ingest: { ...config.ingest, maxEvents: MAX_EVENTS, maxBytes: MAX_BYTES } }),
    });
    ingest = await createAccount(app.db, { role: 'ingest' });
    admin = await createAccount(app.db);
  });

  afterAll(async () => {
    await app.close();
  });

  async function post(body: string, options: { key?: string; type?: string } = {}) {
    const response = await fetch(`${app.url}/ingest/v1/events`, {
      method: 'POST',
      headers: {
        'content-type': options.type ?? 'application/json',
        ...(options.key === '' ? {} : { authorization: `Bearer ${options.key ?? ingest.key}` }),
      },
      body,
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
  }

  const logged = (accountId: string) =>
    withTenant(app.db.owner, accountId, (runner) =>
      runner.query(`SELECT event_id, type, subject, state, source FROM ${LOG_WITH_STATES} WHERE l.account_id = $1 ORDER BY l.seq`, [
        accountId,
      ]),
    );

  it('stores a JSON array before answering 202, keeps the valid events and rejects the invalid one with its path', async () => {
    const batch = [team('t-1'), { ...team('t-2'), occurredAt: '2026-03-10T09:00:00' }, team('t-3')];
    const response = await post(JSON.stringify(batch));
    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        { index: 1, id: 'evt-t-2', code: 'TIMESTAMP_WITHOUT_OFFSET', path: '$.occurredAt', message: expect.stringContaining('no offset') },
      ],
    });
    expect(await logged(ingest.id)).toEqual([
      { event_id: 'evt-t-1', type: 'team.upserted', subject: 't-1', state: 'pending', source: 'api' },
      { event_id: 'evt-t-3', type: 'team.upserted', subject: 't-3', state: 'pending', source: 'api' },
    ]);
    const rejections = await withTenant(app.db.owner, ingest.id, (runner) =>
      runner.query(`SELECT event_id, batch_index, code, path FROM ingest_rejections WHERE account_id = $1`, [ingest.id]),
    );
    expect(rejections).toEqual([{ event_id: 'evt-t-2', batch_index: 1, code: 'TIMESTAMP_WITHOUT_OFFSET', path: '$.occurredAt' }]);
  });

  it('rejects an event holding a NUL character alone and stores the rest of its batch', async () => {
    // An account of its own, so the audit trail of the shared one keeps its expected entries.
    const sender = await createAccount(app.db, { role: 'ingest' });
    const response = await post(JSON.stringify([team('nul-1'), team('nul-2', 'bad\u0000name'), team('nul-3')]), { key: sender.key });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      accepted: 2,
      rejected: [{ index: 1, id: 'evt-nul-2', code: 'INVALID_VALUE', path: '$.data.name' }],
    });
  });

  it('counts an id seen before, or twice in one batch, as a duplicate that changes nothing', async () => {
    const response = await post(JSON.stringify([team('t-1', 'Renamed'), team('t-4'), team('t-4', 'Again')]));
    expect(response.body).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    const names = await withTenant(app.db.owner, ingest.id, (runner) =>
      runner.query(
        `SELECT data->>'name' AS name FROM ingest_events WHERE account_id = $1 AND event_id IN ('evt-t-1', 'evt-t-4') ORDER BY seq`,
        [ingest.id],
      ),
    );
    expect(names).toEqual([{ name: 'Team t-1' }, { name: 'Team t-4' }]);
  });

  it('reads NDJSON, rejecting a line that is not JSON alone', async () => {
    const body = [JSON.stringify(team('t-5')), '{"id": "broken",', '', JSON.stringify(team('t-6'))].join('\n') + '\n';
    const response = await post(body, { type: 'application/x-ndjson' });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [{ index: 1, id: null, code: 'MALFORMED_JSON', path: '$', message: expect.stringContaining('Line 2') }],
    });
  });

  it('records every stored batch in the audit trail with its key and the number of events accepted', async () => {
    const rows = await withTenant(app.db.owner, ingest.id, (runner) =>
      runner.query(`SELECT action, row_count FROM audit_events WHERE account_id = $1 AND action = 'ingest_batch_received' ORDER BY id`, [
        ingest.id,
      ]),
    );
    expect(rows).toEqual([
      { action: 'ingest_batch_received', row_count: 2 },
      { action: 'ingest_batch_received', row_count: 1 },
      { action: 'ingest_batch_received', row_count: 2 },
    ]);
  });

  it.each([
    ['a body that is not JSON', '[{"id": ', 'application/json', 400, 'MALFORMED_JSON'],
    ['a JSON object instead of an array', JSON.stringify(team('t-9')), 'application/json', 400, 'MALFORMED_JSON'],
    ['an empty array', '[]', 'application/json', 400, 'EMPTY_BATCH'],
    ['a form post', 'a=1', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('refuses %s with a coded error and stores nothing', async (_name, body, type, status, code) => {
    const before = (await logged(ingest.id)).length;
    const response = await post(body, { type });
    expect(response.status).toBe(status);
    expect(response.body.errors[0].extensions.code).toBe(code);
    expect((await logged(ingest.id)).length).toBe(before);
  });

  it('answers 413 BATCH_TOO_LARGE for more events or more bytes than the limits', async () => {
    const many = Array.from({ length: MAX_EVENTS + 1 }, (_, i) => team(`big-${i}`));
    const tooMany = await post(JSON.stringify(many));
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.errors[0].extensions).toEqual({ code: 'BATCH_TOO_LARGE', reason: 'MAX_EVENTS', limit: MAX_EVENTS });
    const heavy = await post(JSON.stringify([team('heavy', 'x'.repeat(MAX_BYTES))]));
    expect(heavy.status).toBe(413);
    expect(heavy.body.errors[0].extensions).toEqual({ code: 'BATCH_TOO_LARGE', reason: 'MAX_BYTES', limit: MAX_BYTES });
  });

  it('refuses a missing or unknown key (401) and a query key (403) before storing anything', async () => {
    const none = await post(JSON.stringify([team('k-1')]), { key: '' });
    expect([none.status, none.body.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const unknown = await post(JSON.stringify([team('k-1')]), { key: 'crk_nope' });
    expect([unknown.status, unknown.body.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const query = await post(JSON.stringify([team('k-1')]), { key: admin.key });
    expect(query.status).toBe(403);
    expect(query.body.errors[0].extensions).toEqual({ code: 'FORBIDDEN', reason: 'NOT_AN_INGEST_KEY' });
    expect((await logged(admin.id)).filter((row: { event_id: string }) => row.event_id === 'evt-k-1')).toEqual([]);
  });

  it('takes events with a key an admin created through createApiKey(role: INGEST)', async () => {
    const created = await app.graphql<{ createApiKey: { secret: string; apiKey: { role: string } } }>(
      'mutation { createApiKey(input: { role: INGEST, name: "platform" }) { secret apiKey { role } } }',
      { key: admin.key },
    );
    expect(created.data?.createApiKey.apiKey.role).toBe('INGEST');
    const response = await post(JSON.stringify([team('via-graphql')]), { key: created.data?.createApiKey.secret });
    expect([response.status, response.body.accepted]).toEqual([202, 1]);
    expect(await logged(admin.id)).toEqual([
      { event_id: 'evt-via-graphql', type: 'team.upserted', subject: 'via-graphql', state: 'pending', source: 'api' },
    ]);
  });

  it('refuses an ingest key on GraphQL: it can neither query nor export', async () => {
    const response = await app.graphql('{ account { name } }', { key: ingest.key });
    expect(response.status).toBe(403);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'INGEST_KEY' });
    const exported = await app.graphql(
      'mutation { exportReport(input: { report: MESSAGES, filter: { from: "2026-03-01", to: "2026-03-02" } }) { id } }',
      { key: ingest.key },
    );
    expect(exported.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'INGEST_KEY' });
  });
});

describe('POST /ingest/v1/events rate limit', () => {
  let app: TestApp;
  let ingest: TestAccount;

  beforeAll(async () => {
    app = await startTestApp({
      configure: (config) => ({
        ...config,
        security: { ...config.security, rateLimitPerSecond: 1, rateLimitBurst: 5 },
        ingest: { ...config.ingest, eventsPerToken: 2 },
      }),
    });
    ingest = await createAccount(app.db, { role: 'ingest' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('spends from the key bucket by batch size: 10 events cost all 5 tokens, the next 8 (4 tokens) are refused with 429', async () => {
    const send = (prefix: string, count: number) =>
      fetch(`${app.url}/ingest/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ingest.key}` },
        body: JSON.stringify(Array.from({ length: count }, (_, i) => team(`${prefix}-${i}`))),
      });
    expect((await send('a', 10)).status).toBe(202);
    const refused = await send('b', 8);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});

describe('POST /ingest/v1/events under the API’s in-flight caps and key-use record', () => {
  let app: TestApp;
  let ingest: TestAccount;

  beforeAll(async () => {
    app = await startTestApp({
      configure: (config) => ({ ...config, security: { ...config.security, maxInFlightPerKey: 1, maxInFlightPerAccount: 6 } }),
    });
    ingest = await createAccount(app.db, { role: 'ingest' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('refuses a second batch of a key at its cap of 1 while the first is still uploading, then takes the next', async () => {
    const { port } = new URL(app.url);
    const body = JSON.stringify([team('slow-1')]);
    // The first batch sends half its body and holds its slot until the rest follows.
    const first = http.request({
      host: '127.0.0.1',
      port: Number(port),
      path: '/ingest/v1/events',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ingest.key}`, 'content-length': Buffer.byteLength(body) },
    });
    const firstStatus = new Promise<number>((resolve, reject) => {
      first.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      first.on('error', reject);
    });
    first.write(body.slice(0, 10));
    const refused = await waitFor('the second batch refused while the first holds the slot', async () => {
      const response = await fetch(`${app.url}/ingest/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ingest.key}` },
        body: JSON.stringify([team('fast-1')]),
      });
      return response.status === 429 ? response : undefined;
    });
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as any).errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'IN_FLIGHT_PER_KEY' });
    first.end(body.slice(10));
    expect(await firstStatus).toBe(202);
    const next = await fetch(`${app.url}/ingest/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ingest.key}` },
      body: JSON.stringify([team('fast-2')]),
    });
    expect(next.status).toBe(202);
  });

  it('records the ingest key’s last use, as for any key', async () => {
    const lastUsed = async () => {
      const [row] = await withTenant(app.db.owner, ingest.id, (runner) =>
        runner.query(`SELECT last_used_at FROM api_keys WHERE account_id = $1 AND role = 'ingest'`, [ingest.id]),
      );
      return (row.last_used_at as Date | null) ?? undefined;
    };
    expect(await waitFor('the key use recorded', lastUsed)).toBeInstanceOf(Date);
  });
});
