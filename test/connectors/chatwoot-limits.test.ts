import http from 'node:http';
import { createApiKey } from '../../src/auth/api-keys';
import { withTenant } from '../../src/db/tenant-transaction';
import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';
import { waitFor } from '../support/wait';
import { createChatwootConnector, deliver, ownerQuery, referencePayloads } from './chatwoot/support';

/**
 * The Chatwoot route under the generic ingest route's limits: a bucket of 5 tokens refilled at 1
 * per second per connector, 2 events per token; 1 delivery in flight per connector, 1 request per account.
 */
describe('POST /ingest/chatwoot/<token> under the API’s rate limit and in-flight caps', () => {
  let app: TestApp;
  const payloads = referencePayloads();
  const byName = (prefix: string) => payloads.find((p) => p.name.startsWith(prefix))!.body;

  const stored = async (account: TestAccount) =>
    (
      await ownerQuery(
        app.db,
        account.id,
        `SELECT (SELECT count(*)::int FROM ingest_events WHERE account_id = $1) AS events,
                (SELECT count(*)::int FROM connector_deliveries WHERE account_id = $1) AS deliveries`,
        [account.id],
      )
    )[0];

  /**
   * Starts a POST that sends only the first bytes of its body and holds its slot until `finish`.
   * It asks for 100-continue, so it resolves once the server has begun handling it: the app runs
   * in this process, and the handler's synchronous start has run before the client hears "continue".
   */
  async function slowPost(
    path: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<{ status: Promise<number>; finish: () => void }> {
    const { port } = new URL(app.url);
    const request = http.request({
      host: '127.0.0.1',
      port: Number(port),
      path,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue', ...headers },
    });
    const status = new Promise<number>((resolve, reject) => {
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
    });
    request.flushHeaders();
    await new Promise<void>((resolve) => request.once('continue', resolve));
    request.write(body.slice(0, 10));
    return { status, finish: () => request.end(body.slice(10)) };
  }

  beforeAll(async () => {
    app = await startTestApp({
      configure: (config) => ({
        ...config,
        security: { ...config.security, rateLimitPerSecond: 1, rateLimitBurst: 5, maxInFlightPerKey: 1, maxInFlightPerAccount: 1 },
        ingest: { ...config.ingest, eventsPerToken: 2 },
      }),
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('spends from the connector’s bucket by the events a delivery maps to, and refuses with 429 storing nothing', async () => {
    const account = await createAccount(app.db);
    const path = (await createChatwootConnector(app, account.key)).webhookUrl;
    // 10 maps to 11 events (inbox, contact, agent, 2 topics, conversation, the contact's WhatsApp id, message created and updated,
    // CSAT sent and answered): 6 tokens, capped at the bucket's 5, all of them.
    expect((await deliver(app, path, byName('10_'))).status).toBe(200);
    const before = await stored(account);
    // 06 maps to 11 events as well (5 tokens); the bucket has regained 1 per second since, fewer than 5 within the next seconds.
    const refused = await deliver(app, path, byName('06_'));
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'RATE_LIMIT' });
    expect(refused.body.errors[0].extensions.retryAfter).toBeGreaterThanOrEqual(1);
    expect(await stored(account)).toEqual(before);
    // Another connector has a bucket of its own.
    const other = await createAccount(app.db);
    expect((await deliver(app, (await createChatwootConnector(app, other.key)).webhookUrl, byName('06_'))).status).toBe(200);
    // 07 maps to 2 events (the contact and its city): 1 token, back within a second or two.
    const accepted = await waitFor('a token back in the bucket', async () => {
      const response = await deliver(app, path, byName('07_'));
      return response.status === 200 ? response : undefined;
    });
    expect(accepted.body).toMatchObject({ event: 'contact_updated', stored: true, accepted: 2 });
  });

  it('refuses a second delivery of a connector while its first is still uploading, then takes the next', async () => {
    const account = await createAccount(app.db);
    const path = (await createChatwootConnector(app, account.key)).webhookUrl;
    const first = await slowPost(path, byName('01_').toString(), {});
    const refused = await fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array(byName('07_')),
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as any).errors[0].extensions).toEqual({
      code: 'RATE_LIMITED',
      reason: 'IN_FLIGHT_PER_CONNECTOR',
      retryAfter: 1,
    });
    expect(await stored(account)).toEqual({ events: 0, deliveries: 0 });
    first.finish();
    expect(await first.status).toBe(200);
    expect((await deliver(app, path, byName('07_'))).status).toBe(200);
  });

  it('shares the account’s in-flight slots with the generic ingest route', async () => {
    const account = await createAccount(app.db);
    const path = (await createChatwootConnector(app, account.key)).webhookUrl;
    const ingestKey = await withTenant(app.db.owner, account.id, (runner) =>
      createApiKey(runner, { accountId: account.id, role: 'ingest', name: 'ingest' }),
    );
    // The generic route takes the account's slot before it reads the body, so this batch holds it while uploading.
    const batch = JSON.stringify([
      { id: 'evt-team-1', type: 'team.upserted', occurredAt: '2026-03-09T12:00:00Z', data: { team: 'team-1', name: 'Vendas' } },
    ]);
    // It takes the account's slot after looking its key up; a query of the account, which stores nothing, tells when.
    // A query holding the slot at the moment the batch asks for it has the batch refused: it is sent again.
    let sending: ReturnType<typeof slowPost> | undefined;
    const held = await waitFor('the batch holding the account’s slot', async () => {
      sending ??= slowPost('/ingest/v1/events', batch, { authorization: `Bearer ${ingestKey.key}` });
      const post = await sending;
      const response = await app.graphql('{ __typename }', { key: account.key });
      if (response.errors?.[0].extensions?.reason === 'IN_FLIGHT_PER_ACCOUNT') return post;
      if ((await Promise.race([post.status, Promise.resolve(undefined)])) === 429) sending = undefined;
      return undefined;
    });
    const refused = await deliver(app, path, byName('07_'));
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', reason: 'IN_FLIGHT_PER_ACCOUNT', retryAfter: 1 });
    expect(await stored(account)).toEqual({ events: 0, deliveries: 0 });
    held.finish();
    expect(await held.status).toBe(202);
    expect((await deliver(app, path, byName('07_'))).status).toBe(200);
    expect(await stored(account)).toEqual({ events: 3, deliveries: 1 });
  });

  it('counts its refusals in the connector’s delivery counts, written within seconds rather than once each', async () => {
    const account = await createAccount(app.db);
    const connector = await createChatwootConnector(app, account.key);
    const refusalRows = async () =>
      (await ownerQuery(app.db, account.id, `SELECT count(*)::int AS n FROM connector_refusals WHERE account_id = $1`, [account.id]))[0]
        .n as number;
    // 10 spends the bucket's 5 tokens; 06 wants 5 more twice within a second: two RATE_LIMIT refusals.
    expect((await deliver(app, connector.webhookUrl, byName('10_'))).status).toBe(200);
    expect((await deliver(app, connector.webhookUrl, byName('06_'))).status).toBe(429);
    expect((await deliver(app, connector.webhookUrl, byName('06_'))).status).toBe(429);
    // While 01 uploads, 07 finds the connector's one slot taken: one IN_FLIGHT_PER_CONNECTOR refusal, known by its token only.
    const first = await slowPost(connector.webhookUrl, byName('01_').toString(), {});
    const refused = await fetch(`${app.url}${connector.webhookUrl}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array(byName('07_')),
    });
    expect(refused.status).toBe(429);
    first.finish();
    expect(await first.status).toBe(429);
    // Nothing was written per refusal: the counts are still in memory.
    expect(await refusalRows()).toBe(0);
    const counts = await waitFor(
      'the refusal counts written',
      async () => {
        const response = await app.graphql<{ connectors: Array<{ id: string; deliveries: Array<Record<string, unknown>> }> }>(
          '{ connectors { id deliveries { event outcome count } } }',
          { key: account.key },
        );
        // The key's own bucket is as small: a poll it refuses is simply the next one's turn.
        const deliveries = response.data?.connectors.find((c) => c.id === connector.id)?.deliveries ?? [];
        return deliveries.some((d) => d.outcome === 'in_flight_per_connector') && deliveries.some((d) => d.outcome === 'rate_limit')
          ? deliveries
          : undefined;
      },
      { intervalMs: 1000 },
    );
    // 01 itself was refused for the bucket (it maps to more tokens than came back): 3 RATE_LIMIT refusals in all.
    expect(counts).toEqual([
      { event: null, outcome: 'in_flight_per_connector', count: 1 },
      { event: null, outcome: 'rate_limit', count: 3 },
      { event: 'message_updated', outcome: 'stored', count: 1 },
    ]);
    expect(await refusalRows()).toBe(2);
  });
});
