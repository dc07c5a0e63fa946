import { QueryRunner } from 'typeorm';
import { createApiKey } from '../../src/auth/api-keys';
import { Config } from '../../src/config';
import { withTenant } from '../../src/db/tenant-transaction';
import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';

const SLOW = '{ conversations(first: 1) { totalCount } }';
const REVOKE = 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';

// Six requests of one key at once, and the admin's revocation beside them.
const configure = (config: Config): Config => ({
  ...config,
  security: { ...config.security, statementTimeoutMs: 60_000, requestTimeoutMs: 60_000, maxInFlightPerKey: 6, maxInFlightPerAccount: 8 },
});

/**
 * Revocation must not wait behind the key it revokes (issue 16): a key's use used to be recorded
 * by an UPDATE inside the request's transaction, whose row lock lasted as long as the request, so
 * a revocation during long requests of the key waited for them.
 */
describe('revoking a busy key', () => {
  let app: TestApp;
  let otherProcess: TestApp;
  let account: TestAccount;
  let locker: QueryRunner | undefined;

  beforeAll(async () => {
    app = await startTestApp({ configure });
    // A second server with its own pool stands for another process of the service.
    otherProcess = await startTestApp({ configure });
    account = await createAccount(app.db, { name: 'Revoking Co' });
  });

  afterAll(async () => {
    if (locker?.isTransactionActive) await locker.rollbackTransaction();
    await locker?.release();
    await otherProcess.close();
    await app.close();
  });

  it('answers the revocation within 1 s during 6 long requests of the key in each of two processes, and the next request of the key is 401 in both', async () => {
    // Never used, so its first requests are the ones that record its use.
    const busy = await withTenant(app.db.owner, account.id, (runner) =>
      createApiKey(runner, { accountId: account.id, role: 'analyst', name: 'busy' }),
    );
    locker = app.db.owner.createQueryRunner();
    await locker.connect();
    await locker.startTransaction();
    await locker.query('LOCK TABLE conversations IN ACCESS EXCLUSIVE MODE');
    // Six in each process: the key is at its cap in both, so its next request is refused before any
    // lookup, and only the announced revocation can make that refusal a 401.
    const long = [app, otherProcess].flatMap((server) => Array.from({ length: 6 }, () => server.graphql(SLOW, { key: busy.key })));
    for (let tries = 0; tries < 200; tries++) {
      const [{ n }] = await app.db.owner.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'chat-reporting-api' AND wait_event_type = 'Lock'`,
      );
      if (n >= 12) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    // Bounds a run in which the revocation does wait: the lock goes after 5 s whatever happens.
    const release = setTimeout(() => void locker?.rollbackTransaction(), 5000);

    const started = Date.now();
    const revoked = await app.graphql<{ revokeApiKey: { id: string; revokedAt: string | null } }>(REVOKE, {
      key: account.key,
      variables: { id: busy.id },
    });
    const elapsed = Date.now() - started;
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data?.revokeApiKey).toEqual({ id: busy.id, revokedAt: expect.any(String) });
    expect(elapsed).toBeLessThan(1000);

    const afterHere = await app.graphql('{ account { id } }', { key: busy.key });
    const afterThere = await otherProcess.graphql('{ account { id } }', { key: busy.key });
    expect([afterHere.status, afterThere.status]).toEqual([401, 401]);
    expect([afterHere.errors?.[0].extensions?.code, afterThere.errors?.[0].extensions?.code]).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ]);

    clearTimeout(release);
    await locker.rollbackTransaction();
    // The requests that were already running end normally.
    expect((await Promise.all(long)).map((r) => r.status)).toEqual(Array(12).fill(200));
  });

  it('still records when a key was last used, outside the request', async () => {
    const fresh = await withTenant(app.db.owner, account.id, (runner) =>
      createApiKey(runner, { accountId: account.id, role: 'analyst', name: 'fresh' }),
    );
    expect((await app.graphql('{ account { id } }', { key: fresh.key })).status).toBe(200);
    let lastUsed: Date | null = null;
    for (let tries = 0; tries < 100 && lastUsed === null; tries++) {
      [{ last_used_at: lastUsed }] = await app.db.owner.query('SELECT last_used_at FROM api_keys WHERE id = $1', [fresh.id]);
      if (lastUsed === null) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(lastUsed).toBeInstanceOf(Date);
    expect(Math.abs((lastUsed as Date).getTime() - Date.now())).toBeLessThan(60_000);
  });
});
