import { QueryRunner } from 'typeorm';
import { startTestApp, TestApp } from '../support/app';
import { createAccount, insertRows, TestAccount } from '../support/fixtures';
import { codes, LEAK_PATTERNS } from './support';

const TIMEOUT_MS = 300;

/**
 * A statement that cannot finish in time, made without any test-only code path: another session
 * holds an exclusive lock on the tables the request reads, so its statements wait until the
 * request's `statement_timeout` cancels them (a lock wait counts toward the timeout).
 */
describe('statement_timeout of API requests', () => {
  let app: TestApp;
  let account: TestAccount;
  let locker: QueryRunner | undefined;

  beforeAll(async () => {
    app = await startTestApp({ configure: (config) => ({ ...config, security: { ...config.security, statementTimeoutMs: TIMEOUT_MS } }) });
    account = await createAccount(app.db, { name: 'Slow Co' });
    await app.graphql('{ account { id } }', { key: account.key });
  });

  afterEach(async () => {
    if (locker?.isTransactionActive) await locker.rollbackTransaction();
    await locker?.release();
    locker = undefined;
  });

  afterAll(async () => {
    await app.close();
  });

  async function lock(...tables: string[]): Promise<void> {
    locker = app.db.owner.createQueryRunner();
    await locker.connect();
    await locker.startTransaction();
    await locker.query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  }

  it('answers a report stuck past the limit with TIMEOUT, promptly and without internals', async () => {
    await lock('conversations', 'messages');
    const started = Date.now();
    const response = await app.graphql('query($f: ReportFilter!) { chatSummaryReport(filter: $f) { totalCount nodes { date } } }', {
      key: account.key,
      variables: { f: { from: '2026-01-01', to: '2026-02-01' } },
    });
    const elapsed = Date.now() - started;
    expect(response.status).toBe(200);
    expect(response.data).toBeNull();
    expect(codes(response)).toEqual(['TIMEOUT']);
    expect(response.errors?.[0].message).toBe(
      `The request ran longer than ${TIMEOUT_MS} ms and was cancelled; narrow the filter or ask for fewer rows.`,
    );
    for (const pattern of LEAK_PATTERNS) expect(JSON.stringify(response)).not.toMatch(pattern);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(5000);
  });

  it('reports the statements the timeout aborted after it as TIMEOUT too', async () => {
    const [inbox] = await insertRows(app.db, account.id, 'inboxes', [
      { name: 'web', display_name: 'Web', channel_type: 'web_widget', medium: 'web' },
    ]);
    const [contact] = await insertRows(app.db, account.id, 'contacts', [{ medium: 'web', name: 'Ana', primary_identifier: 'ana' }]);
    const [agent] = await insertRows(app.db, account.id, 'agents', [{ kind: 'human', name: 'Bruno' }]);
    const [team] = await insertRows(app.db, account.id, 'teams', [{ name: 'Support' }]);
    const [conversation] = await insertRows(app.db, account.id, 'conversations', [
      {
        display_id: 1,
        inbox_id: inbox,
        contact_id: contact,
        assignee_id: agent,
        team_id: team,
        status: 'open',
        created_at: '2026-01-02T00:00:00Z',
        updated_at: '2026-01-02T00:00:00Z',
      },
    ]);
    // Both relations are nullable, so each keeps its own error: the lookup that waited out the
    // timeout, and the one that then found its transaction aborted. Reached from a lookup by id,
    // not a page (which would join both into its one statement), they are two lookups.
    await lock('agents', 'teams');
    const response = await app.graphql(`{ conversation(id: "${conversation}") { assignee { id } team { id } } }`, { key: account.key });
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ conversation: { assignee: null, team: null } });
    expect(codes(response)).toEqual(['TIMEOUT', 'TIMEOUT']);
  });

  it('serves the key normally once the lock is gone, on connections that keep no timeout', async () => {
    await lock('conversations');
    expect(codes(await app.graphql('{ conversations(first: 1) { totalCount } }', { key: account.key }))).toEqual(['TIMEOUT']);
    await locker?.rollbackTransaction();
    const response = await app.graphql('{ conversations(first: 1) { totalCount } }', { key: account.key });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ conversations: { totalCount: expect.any(Number) } });
    // SET LOCAL: the pooled runtime connections are back to the server default.
    const [{ statement_timeout: pooled }] = await app.db.runtime.query('SHOW statement_timeout');
    expect(pooled).toBe('0');
  });
});
