import { QueryRunner } from 'typeorm';
import { createApiKey } from '../../src/auth/api-keys';
import { Config } from '../../src/config';
import { withTenant } from '../../src/db/tenant-transaction';
import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';
import { signDownloadToken } from '../../src/exports/download-token';
import { loadTokenSecret } from '../../src/exports/token-secret';
import { InFlightLimiter } from '../../src/security/in-flight';
import { codes, expectSecurityHeaders, raw, RawResponse, reasons } from './support';

/**
 * Long requests without test-only code: another session holds an exclusive lock on
 * `conversations`, so a request that reads it waits (statement_timeout is set far above every
 * other limit here) until the lock is gone or a limit cuts it short. `{ account { name } }` reads
 * no locked table, so it stands for another tenant's small query.
 */
const SLOW = '{ conversations(first: 1) { totalCount } }';
const SMALL = '{ account { name } }';

async function lockConversations(app: TestApp): Promise<QueryRunner> {
  const locker = app.db.owner.createQueryRunner();
  await locker.connect();
  await locker.startTransaction();
  await locker.query('LOCK TABLE conversations IN ACCESS EXCLUSIVE MODE');
  return locker;
}

async function unlock(locker: QueryRunner | undefined): Promise<void> {
  if (locker?.isTransactionActive) await locker.rollbackTransaction();
  await locker?.release();
}

function ask(app: TestApp, key: string, query: string): Promise<RawResponse> {
  return raw(app, { headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });
}

/** Resolves once `count` of the runtime role's backends wait on the lock, i.e. the requests are really in flight. */
async function waitForBlocked(app: TestApp, count: number): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const [{ n }] = await app.db.owner.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'chat-reporting-api' AND wait_event_type = 'Lock'`,
    );
    if (n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`fewer than ${count} requests are waiting on the lock`);
}

function withSecurity(changes: Partial<Config['security']>) {
  return (config: Config): Config => ({
    ...config,
    security: { ...config.security, statementTimeoutMs: 60_000, rateLimitBurst: 10_000, ...changes },
  });
}

async function secondKey(app: TestApp, account: TestAccount, readOnly = false): Promise<string> {
  return (
    await withTenant(app.db.owner, account.id, (runner) =>
      createApiKey(runner, { accountId: account.id, role: 'analyst', name: 'second', readOnly }),
    )
  ).key;
}

describe('InFlightLimiter', () => {
  it('counts each key and account up to its cap, hands slots back once, and forgets idle keys', () => {
    const limiter = new InFlightLimiter(2, 3);
    const first = limiter.enterKey('k');
    const second = limiter.enterKey('k');
    expect([first.kind, second.kind, limiter.enterKey('k').kind]).toEqual(['entered', 'entered', 'full']);
    expect(limiter.peekKey('k')).toBe('full');
    if (first.kind !== 'entered' || second.kind !== 'entered') throw new Error('unreachable');
    first.leave();
    first.leave();
    expect(limiter.peekKey('k')).toBe('open');
    expect(limiter.enterKey('k').kind).toBe('entered');

    const accountSlots = [1, 2, 3].map(() => limiter.enterAccount('a'));
    expect(accountSlots.every(Boolean)).toBe(true);
    expect(limiter.enterAccount('a')).toBeNull();
    accountSlots[0]?.();
    expect(limiter.enterAccount('a')).not.toBeNull();
  });

  it('remembers a revocation only while the key has requests in flight', () => {
    const limiter = new InFlightLimiter(2, 3);
    limiter.markRevoked('idle');
    expect(limiter.enterKey('idle').kind).toBe('entered');
    const busy = limiter.enterKey('busy');
    limiter.markRevoked('busy');
    expect(limiter.enterKey('busy').kind).toBe('revoked');
    expect(limiter.peekKey('busy')).toBe('revoked');
    if (busy.kind === 'entered') busy.leave();
    // Nothing in flight any more: the next request looks the key up (and finds it revoked there).
    expect(limiter.peekKey('busy')).toBe('open');
  });
});

describe('requests in flight per key and per account (issue 16)', () => {
  let app: TestApp;
  let account: TestAccount;
  let other: TestAccount;
  let locker: QueryRunner | undefined;

  beforeAll(async () => {
    app = await startTestApp({ configure: withSecurity({ maxInFlightPerKey: 2, maxInFlightPerAccount: 3 }) });
    account = await createAccount(app.db, { name: 'Busy Co' });
    other = await createAccount(app.db, { name: 'Quiet Co' });
  });

  afterEach(async () => {
    await unlock(locker);
    locker = undefined;
  });

  afterAll(async () => {
    await app.close();
  });

  it('refuses a key past its cap, then the account past its cap, at once and coded, while other tenants are served', async () => {
    const second = await secondKey(app, account);
    locker = await lockConversations(app);
    const held = [ask(app, account.key, SLOW), ask(app, account.key, SLOW)];
    await waitForBlocked(app, 2);

    const overKey = await ask(app, account.key, SLOW);
    expect(overKey.status).toBe(429);
    expect(overKey.headers.get('retry-after')).toBe('1');
    expect(codes(overKey.body)).toEqual(['RATE_LIMITED']);
    expect(reasons(overKey.body)).toEqual(['IN_FLIGHT_PER_KEY']);
    expect(overKey.body.errors?.[0].extensions?.retryAfter).toBe(1);
    expectSecurityHeaders(overKey);

    // The account has 2 of its 3 in flight: the other key gets the third, then is refused for the account.
    held.push(ask(app, second, SLOW));
    await waitForBlocked(app, 3);
    const overAccount = await ask(app, second, SMALL);
    expect(overAccount.status).toBe(429);
    expect(overAccount.headers.get('retry-after')).toBe('1');
    expect(reasons(overAccount.body)).toEqual(['IN_FLIGHT_PER_ACCOUNT']);

    const quiet = await ask(app, other.key, SMALL);
    expect(quiet.status).toBe(200);
    expect(quiet.body.data).toEqual({ account: { name: 'Quiet Co' } });

    await unlock(locker);
    locker = undefined;
    const finished = await Promise.all(held);
    expect(finished.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(finished.map((r) => r.body.data)).toEqual([0, 0, 0].map((n) => ({ conversations: { totalCount: n } })));
    // Every slot was handed back: the key and the account are served again.
    expect((await ask(app, account.key, SMALL)).body.data).toEqual({ account: { name: 'Busy Co' } });
  });
});

describe('whole-request deadline (issue 16)', () => {
  const DEADLINE_MS = 1000;
  let app: TestApp;
  let account: TestAccount;
  let locker: QueryRunner | undefined;

  beforeAll(async () => {
    app = await startTestApp({ configure: withSecurity({ requestTimeoutMs: DEADLINE_MS }) });
    account = await createAccount(app.db, { name: 'Deadline Co' });
  });

  afterAll(async () => {
    await unlock(locker);
    await app.close();
  });

  it('cancels the running statement when the deadline passes and answers TIMEOUT / REQUEST_DEADLINE', async () => {
    locker = await lockConversations(app);
    const started = Date.now();
    const response = await ask(app, account.key, SLOW);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(200);
    expect(codes(response.body)).toEqual(['TIMEOUT']);
    expect(reasons(response.body)).toEqual(['REQUEST_DEADLINE']);
    expect(response.body.errors?.[0].message).toBe(
      `The request ran longer than ${DEADLINE_MS} ms in all and was cancelled; ask for fewer reports, rows or fields at once.`,
    );
    // statement_timeout is 60 s here: only the deadline can have ended it.
    expect(elapsed).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(elapsed).toBeLessThan(DEADLINE_MS + 3000);
    // The statement was cancelled in PostgreSQL, not merely abandoned by the server.
    const [{ waiting }] = await app.db.owner.query(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE application_name = 'chat-reporting-api' AND wait_event_type = 'Lock'`,
    );
    expect(waiting).toBe(0);
    await unlock(locker);
    locker = undefined;
    expect((await ask(app, account.key, SLOW)).body.data).toEqual({ conversations: { totalCount: 0 } });
  });
});

describe('bounded wait for a pool connection (issue 16)', () => {
  const WAIT_MS = 300;
  let app: TestApp;
  let config: Config;
  let locker: QueryRunner | undefined;

  beforeAll(async () => {
    app = await startTestApp({
      configure: (loaded) => (config = withSecurity({ poolWaitMs: WAIT_MS, maxInFlightPerKey: 100, maxInFlightPerAccount: 100 })(loaded)),
    });
  });

  afterAll(async () => {
    await unlock(locker);
    await app.close();
  });

  it('answers 503 SERVICE_BUSY with Retry-After when every connection stays taken', async () => {
    const account = await createAccount(app.db, { name: 'Pool Co' });
    locker = await lockConversations(app);
    // The test server's pool has 10 connections.
    const held = Array.from({ length: 10 }, () => ask(app, account.key, SLOW));
    await waitForBlocked(app, 10);
    const started = Date.now();
    // Without a bound this request would wait for the lock too; unlock after a while so such a run ends.
    const unlockLater = setTimeout(() => void unlock(locker), 8000);
    const busy = await ask(app, account.key, SMALL);
    const claims = { exportId: '7b0c8a52-8f3e-4f0e-9d0e-0d6c1e9d2a11', accountId: account.id, keyId: '1' };
    const token = signDownloadToken(loadTokenSecret(config), claims, 60);
    const download = await fetch(`${app.url}/exports/${claims.exportId}/download?token=${token}`);
    clearTimeout(unlockLater);
    // The download route answers the same way, without a body.
    expect([download.status, download.headers.get('retry-after'), await download.text()]).toEqual([503, '1', '']);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(codes(busy.body)).toEqual(['SERVICE_BUSY']);
    expect(busy.body.data).toBeUndefined();
    await unlock(locker);
    locker = undefined;
    expect((await Promise.all(held)).map((r) => r.status)).toEqual(Array(10).fill(200));
  });
});

/**
 * The attack of issue 16 on loopback, in bounded rounds: one key (an admin's, then a read-only
 * one) sends 30 parallel requests of aliased reports with totalCount while another account asks
 * for its name. The reports' tables are locked, so the attacker's admitted requests run until the
 * request deadline, as long-running reports would.
 */
describe('one key under attack cannot freeze another tenant (issue 16)', () => {
  const DEADLINE_MS = 2000;
  const PARALLEL = 30;
  const ATTACK = `query($f: ReportFilter!) {
    a: virtualAgentMetricsReport(filter: $f) { totalCount nodes { channel } }
    b: virtualAgentMetricsReport(filter: $f, first: 50) { totalCount nodes { channel } }
    c: conversationsResolvedReport(filter: $f) { totalCount }
    d: messagesReport(filter: $f) { totalCount }
  }`;
  let app: TestApp;
  let attacker: TestAccount;
  let tenant: TestAccount;
  let locker: QueryRunner | undefined;

  beforeAll(async () => {
    app = await startTestApp({ configure: withSecurity({ requestTimeoutMs: DEADLINE_MS }) });
    attacker = await createAccount(app.db, { name: 'Attacker Co' });
    tenant = await createAccount(app.db, { name: 'Tenant Co' });
  });

  afterAll(async () => {
    await unlock(locker);
    await app.close();
  });

  it('admits the key up to its cap, refuses the rest with RATE_LIMITED at once, and answers the other tenant first', async () => {
    const readOnly = await secondKey(app, attacker, true);
    locker = app.db.owner.createQueryRunner();
    await locker.connect();
    await locker.startTransaction();
    await locker.query('LOCK TABLE conversations, messages IN ACCESS EXCLUSIVE MODE');
    const body = JSON.stringify({ query: ATTACK, variables: { f: { from: '2026-01-01', to: '2026-01-31' } } });
    for (const key of [attacker.key, readOnly]) {
      let attackEnded = 0;
      const attack = Array.from({ length: PARALLEL }, () =>
        raw(app, { headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body }).then((response) => {
          attackEnded = Date.now();
          return response;
        }),
      );
      await waitForBlocked(app, 4);
      const started = Date.now();
      const quiet = await ask(app, tenant.key, SMALL);
      const answeredAt = Date.now();
      expect(quiet.status).toBe(200);
      expect(quiet.body.data).toEqual({ account: { name: 'Tenant Co' } });
      expect(answeredAt - started).toBeLessThan(1000);

      const responses = await Promise.all(attack);
      expect(answeredAt).toBeLessThan(attackEnded);
      const refused = responses.filter((r) => r.status === 429);
      const admitted = responses.filter((r) => r.status === 200);
      // REQUESTS_IN_FLIGHT_PER_KEY is 4 by default: 4 admitted, 26 refused.
      expect([admitted.length, refused.length]).toEqual([4, PARALLEL - 4]);
      for (const response of refused) {
        expect(codes(response.body)).toEqual(['RATE_LIMITED']);
        expect(reasons(response.body)).toEqual(['IN_FLIGHT_PER_KEY']);
        expect(response.headers.get('retry-after')).toBe('1');
      }
      // The admitted ones were cut at the deadline, every report field with it.
      for (const response of admitted) {
        expect(new Set(codes(response.body))).toEqual(new Set(['TIMEOUT']));
        expect(new Set(reasons(response.body))).toEqual(new Set(['REQUEST_DEADLINE']));
      }
    }
  });
});
