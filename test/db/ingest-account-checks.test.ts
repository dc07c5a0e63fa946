import { withTenant } from '../../src/db/tenant-transaction';
import { appendEvents } from '../../src/ingest/event-log';
import { validateEvent, ValidEvent } from '../../src/ingest/validate';
import { startTestApp, TestApp } from '../support/app';
import { createAccount } from '../support/fixtures';
import { storeEvents } from '../support/ingest';

/**
 * The log's and the states' account is checked once per statement (migration 1770140000000): a row of no account fails
 * with 23503, an account's deletion waits for a batch being stored and removes the account's log, states and
 * rejections, as the cascading foreign keys did.
 */
describe("the ingest log's account", () => {
  let app: TestApp;
  const db = () => app.db;
  const T = '2026-03-10T10:00:00Z';
  const inbox = (id: string) => ({
    id,
    type: 'inbox.upserted',
    occurredAt: T,
    data: { inbox: id, name: id, channelType: 'api', medium: 'API' },
  });
  const valid = (raw: unknown): ValidEvent => {
    const result = validateEvent(raw, 0);
    if (!result.ok) throw new Error('invalid fixture event');
    return result.event;
  };
  const codeOf = (error: { driverError?: { code?: string }; code?: string }) => error.driverError?.code ?? error.code;
  /** The account's rows in the log, the states and the rejections, counted bound to it (as a Row Level Security owner must). */
  const rowsOf = (accountId: string) =>
    withTenant(db().owner, accountId, async (runner) => {
      const counts = [];
      for (const table of ['ingest_events', 'ingest_event_states', 'ingest_rejections']) {
        const [{ count }] = await runner.query(`SELECT count(*)::int AS count FROM ${table} WHERE account_id = $1`, [accountId]);
        counts.push(count);
      }
      return counts;
    });

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('refuses log and state rows of no account with the foreign-key code', async () => {
    const [{ id: none }] = await db().owner.query(`SELECT nextval(pg_get_serial_sequence('accounts', 'id'))::text AS id`);
    const append = withTenant(db().runtime, none, (runner) => appendEvents(runner.manager, 'api', [valid(inbox('in-1'))]));
    await expect(append.catch(codeOf)).resolves.toBe('23503');
    const state = withTenant(db().owner, none, (runner) =>
      runner.query(`INSERT INTO ingest_event_states (account_id, seq, received_at) VALUES ($1, 1, now())`, [none]),
    );
    await expect(state.catch(codeOf)).resolves.toBe('23503');
  });

  it("removes a deleted account's log, states and rejections, after a batch being stored commits", async () => {
    const [a, b] = [await createAccount(db()), await createAccount(db())];
    // Two stored events and one rejection (no type) each.
    for (const account of [a, b])
      await storeEvents(db(), account.id, [inbox('in-1'), inbox('in-2'), { id: 'bad', occurredAt: T, data: {} }]);
    expect(await rowsOf(a.id)).toEqual([2, 2, 1]);

    // A batch of account A is being stored: the account's deletion waits for it, then removes its events too.
    let storing!: () => void;
    const stored = new Promise<void>((resolve) => (storing = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const batch = withTenant(db().runtime, a.id, async (runner) => {
      // The log and state rows alone: appendEvents also counts them in a table whose key to the account would lock it.
      await runner.query(
        `WITH stored AS (
           INSERT INTO ingest_events (account_id, source, event_id, type, occurred_at, subject, data)
           VALUES ($1, 'api', 'in-3', 'inbox.upserted', now(), 'in-3', '{}') RETURNING account_id, seq, received_at)
         INSERT INTO ingest_event_states (account_id, seq, received_at) SELECT * FROM stored`,
        [a.id],
      );
      storing();
      await held;
    });
    await stored;
    let deleted = false;
    const deletion = withTenant(db().owner, a.id, (runner) => runner.query(`DELETE FROM accounts WHERE id = $1`, [a.id])).then(() => {
      deleted = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(deleted).toBe(false);
    release();
    await batch;
    await deletion;
    expect(await rowsOf(a.id)).toEqual([0, 0, 0]);
    expect(await rowsOf(b.id)).toEqual([2, 2, 1]);
  });
});
