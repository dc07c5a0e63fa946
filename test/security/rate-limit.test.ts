import { withTenant } from '../../src/db/tenant-transaction';
import { createApiKey } from '../../src/auth/api-keys';
import { RateLimiter } from '../../src/security/rate-limit';
import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';
import { waitFor } from '../support/wait';
import { codes, expectSecurityHeaders, raw } from './support';

describe('RateLimiter (token bucket)', () => {
  it('lets a burst through, then one request per refilled token, and says when to retry', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([1, 2, 3].map(() => limiter.take('k').allowed)).toEqual([true, true, true]);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = 499;
    expect(limiter.take('k').allowed).toBe(false);
    now = 500;
    expect(limiter.take('k').allowed).toBe(true);
    expect(limiter.take('k').allowed).toBe(false);
    now = 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('k').allowed)).toEqual([true, true, true, false]);
  });

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter(1, 1, () => 0);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });
});

describe('per-key rate limit over HTTP (burst 3, 1 per second)', () => {
  let app: TestApp;
  let account: TestAccount;

  beforeAll(async () => {
    app = await startTestApp({
      configure: (config) => ({ ...config, security: { ...config.security, rateLimitBurst: 3, rateLimitPerSecond: 1 } }),
    });
    account = await createAccount(app.db, { name: 'Throttled Co' });
  });

  afterAll(async () => {
    await app.close();
  });

  const ask = (key: string) =>
    raw(app, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ account { id } }' }),
    });

  it('answers the request past the burst with 429, Retry-After and RATE_LIMITED, and lets other keys through', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await ask(account.key)).status);
    expect(statuses).toEqual([200, 200, 200]);

    const limited = await ask(account.key);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(codes(limited.body)).toEqual(['RATE_LIMITED']);
    expect(limited.body.errors?.[0].extensions?.retryAfter).toBe(1);
    expect(limited.body.data).toBeUndefined();
    expectSecurityHeaders(limited);

    const other = await withTenant(app.db.owner, account.id, (runner) =>
      createApiKey(runner, { accountId: account.id, role: 'analyst', name: 'other' }),
    );
    expect((await ask(other.key)).status).toBe(200);

    // A refused request spends no token, so asking again is how to learn the bucket has refilled.
    const refilled = await waitFor('a refilled token', async () => ((await ask(account.key)).status === 200 ? true : undefined), {
      timeoutMs: 5000,
    });
    expect(refilled).toBe(true);
  });

  it('does not spend a key’s tokens on requests without a valid key', async () => {
    const fresh = await withTenant(app.db.owner, account.id, (runner) =>
      createApiKey(runner, { accountId: account.id, role: 'analyst', name: 'fresh' }),
    );
    for (let i = 0; i < 5; i++) expect((await ask('crk_unknown')).status).toBe(401);
    expect((await ask(fresh.key)).status).toBe(200);
  });
});
