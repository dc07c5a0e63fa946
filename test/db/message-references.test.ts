import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { createAccount, insertRows } from '../support/fixtures';

/**
 * A message's sender agent, sender contact and team are checked per statement (migration 1770130000001): a reference
 * to no row of the message's own account fails the statement with 23503, and a row that messages name cannot be
 * deleted, while an account's deletion, which takes its messages along, still goes through.
 */
describe("a message's references", () => {
  let db: Database;
  const ids = { a: { agent: '', contact: '', team: '', conversation: '' }, b: { agent: '', contact: '', team: '', conversation: '' } };
  let accountA = '';
  let accountB = '';

  async function account(): Promise<{ id: string; rows: typeof ids.a }> {
    const { id } = await createAccount(db);
    const [inbox] = await insertRows(db, id, 'inboxes', [
      { name: 'WA', display_name: 'WhatsApp', channel_type: 'whatsapp', medium: 'WhatsApp' },
    ]);
    const [contact] = await insertRows(db, id, 'contacts', [{ medium: 'WhatsApp', primary_identifier: '+5511900000000' }]);
    const [agent] = await insertRows(db, id, 'agents', [{ kind: 'human', name: 'Ana' }]);
    const [team] = await insertRows(db, id, 'teams', [{ name: 'Suporte' }]);
    const [conversation] = await insertRows(db, id, 'conversations', [
      {
        display_id: 1,
        inbox_id: inbox,
        contact_id: contact,
        status: 'open',
        created_at: '2026-03-10T10:00:00Z',
        updated_at: '2026-03-10T10:00:00Z',
      },
    ]);
    return { id, rows: { agent, contact, team, conversation } };
  }

  /** Inserts messages of account A naming the given agent, contact and team; resolves to the error code, or null. */
  async function insertMessages(refs: Array<{ agent?: string; contact?: string; team?: string }>): Promise<string | null> {
    try {
      await insertRows(
        db,
        accountA,
        'messages',
        refs.map((ref) => ({
          conversation_id: ids.a.conversation,
          direction: ref.contact ? 'incoming' : 'outgoing',
          message_type: 'text',
          origin: ref.contact ? 'contact' : 'agent',
          sender_agent_id: ref.agent ?? null,
          sender_contact_id: ref.contact ?? null,
          team_id: ref.team ?? null,
          created_at: '2026-03-10T10:01:00Z',
          updated_at: '2026-03-10T10:01:00Z',
        })),
      );
      return null;
    } catch (error) {
      return (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code ?? 'none';
    }
  }

  beforeAll(async () => {
    db = await openDatabase(loadConfig(process.env), () => undefined);
    const a = await account();
    const b = await account();
    [accountA, accountB] = [a.id, b.id];
    ids.a = a.rows;
    ids.b = b.rows;
  });

  afterAll(async () => {
    await db?.close();
  });

  it('accepts references to rows of the same account and refuses those to another account', async () => {
    expect(await insertMessages([{ agent: ids.a.agent, team: ids.a.team }, { contact: ids.a.contact }])).toBeNull();
    // One bad row among good ones fails the whole statement, for each of the three references.
    expect(await insertMessages([{ agent: ids.a.agent }, { agent: ids.b.agent }])).toBe('23503');
    expect(await insertMessages([{ contact: ids.b.contact }])).toBe('23503');
    expect(await insertMessages([{ agent: ids.a.agent, team: ids.b.team }])).toBe('23503');
    const [{ count }] = await withTenant(db.owner, accountA, (runner) =>
      runner.query(`SELECT count(*)::int AS count FROM messages WHERE account_id = $1`, [accountA]),
    );
    expect(count).toBe(2);
  });

  it('refuses an update that names another account’s row', async () => {
    const update = (contact: string) =>
      withTenant(db.owner, accountA, (runner) =>
        runner.query(`UPDATE messages SET sender_contact_id = $2 WHERE account_id = $1 AND sender_contact_id IS NOT NULL`, [
          accountA,
          contact,
        ]),
      ).then(
        () => null,
        (error: { driverError?: { code?: string } }) => error.driverError?.code,
      );
    expect(await update(ids.b.contact)).toBe('23503');
    expect(await update(ids.a.contact)).toBeNull();
  });

  it('looks each distinct reference of a statement up once, not once per message (migration 1770320000000)', async () => {
    // 40 messages, 20 sent by one agent and 20 by one contact, all naming one team: one lookup of each, where the per-row
    // check made 20 of the agent, 20 of the contact and 40 of the team.
    // This backend's counts of scans, read before and after: they may hold its earlier transactions' not yet reported.
    const scans = (runner: { query: (sql: string) => Promise<Array<{ name: string; scans: number }>> }) =>
      runner.query(
        `SELECT relname AS name, (coalesce(idx_scan, 0) + seq_scan)::int AS scans
           FROM pg_stat_xact_user_tables WHERE relname IN ('agents', 'contacts', 'teams') ORDER BY relname`,
      );
    const lookups = await withTenant(db.owner, accountA, async (runner) => {
      const before = await scans(runner);
      await runner.query(
        `INSERT INTO messages (account_id, source, external_id, conversation_id, direction, message_type, origin, sender_agent_id,
                               sender_contact_id, team_id, created_at, updated_at)
         SELECT $1, 'test', 'lookups-' || n, $2, CASE WHEN n % 2 = 0 THEN 'outgoing' ELSE 'incoming' END, 'text',
                CASE WHEN n % 2 = 0 THEN 'agent' ELSE 'contact' END, CASE WHEN n % 2 = 0 THEN $3::bigint END,
                CASE WHEN n % 2 = 1 THEN $4::bigint END, $5, timestamptz '2026-03-10T10:02:00Z', timestamptz '2026-03-10T10:02:00Z'
           FROM generate_series(1, 40) n`,
        [accountA, ids.a.conversation, ids.a.agent, ids.a.contact, ids.a.team],
      );
      const after = await scans(runner);
      return after.map(({ name, scans: count }, i) => ({ name, lookups: count - before[i].scans }));
    });
    expect(lookups).toEqual([
      { name: 'agents', lookups: 1 },
      { name: 'contacts', lookups: 1 },
      { name: 'teams', lookups: 1 },
    ]);
  });

  it('keeps a named row from being deleted, and lets an account with messages be deleted', async () => {
    const remove = (table: string, id: string) =>
      withTenant(db.owner, accountA, (runner) =>
        runner.query(`DELETE FROM ${table} WHERE account_id = $1 AND id = $2`, [accountA, id]),
      ).then(
        () => null,
        (error: { driverError?: { code?: string }; code?: string }) => error.driverError?.code ?? error.code,
      );
    expect(await remove('agents', ids.a.agent)).toBe('23503');
    expect(await remove('contacts', ids.a.contact)).toBe('23503');
    expect(await remove('teams', ids.a.team)).toBe('23503');
    // Account B's agent is named by no message.
    await withTenant(db.owner, accountB, (runner) =>
      runner.query(`DELETE FROM agents WHERE account_id = $1 AND id = $2`, [accountB, ids.b.agent]),
    );
    // Bound to the account, so that an owner under Row Level Security (the PostgreSQL matrix's) deletes and counts it too.
    const inAccountA = (sql: string) => withTenant(db.owner, accountA, (runner) => runner.query(sql, [accountA]));
    await inAccountA(`DELETE FROM accounts WHERE id = $1`);
    const [{ count }] = await inAccountA(`SELECT count(*)::int AS count FROM accounts WHERE id = $1`);
    expect(count).toBe(0);
  });
});
