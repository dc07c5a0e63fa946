import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { createAccount, insertRows } from '../support/fixtures';

/**
 * A message's conversation is checked per statement (migration 1770140000001): a conversation that is no row of the
 * message's own account fails the statement with 23503, and deleting a conversation, or its account, removes its
 * messages as the cascading foreign key did.
 */
describe("a message's conversation", () => {
  let db: Database;
  const codeOf = (error: { driverError?: { code?: string }; code?: string }) => error.driverError?.code ?? error.code;

  async function account(): Promise<{ id: string; conversations: string[] }> {
    const { id } = await createAccount(db);
    const [inbox] = await insertRows(db, id, 'inboxes', [
      { name: 'WA', display_name: 'WhatsApp', channel_type: 'whatsapp', medium: 'WhatsApp' },
    ]);
    const [contact] = await insertRows(db, id, 'contacts', [{ medium: 'WhatsApp', primary_identifier: '+5511900000000' }]);
    const conversation = (displayId: number) => ({
      display_id: displayId,
      inbox_id: inbox,
      contact_id: contact,
      status: 'open',
      created_at: '2026-03-10T10:00:00Z',
      updated_at: '2026-03-10T10:00:00Z',
    });
    return { id, conversations: await insertRows(db, id, 'conversations', [conversation(1), conversation(2)]) };
  }

  const message = (conversationId: string) => ({
    conversation_id: conversationId,
    direction: 'incoming',
    message_type: 'text',
    origin: 'contact',
    created_at: '2026-03-10T10:01:00Z',
    updated_at: '2026-03-10T10:01:00Z',
  });
  const inAccount = (accountId: string, sql: string, parameters: unknown[] = []) =>
    withTenant(db.owner, accountId, (runner) => runner.query(sql, [accountId, ...parameters]));
  const messagesOf = async (accountId: string) =>
    (await inAccount(accountId, `SELECT count(*)::int AS count FROM messages WHERE account_id = $1`))[0].count as number;

  beforeAll(async () => {
    db = await openDatabase(loadConfig(process.env), () => undefined);
  });

  afterAll(async () => {
    await db?.close();
  });

  it("refuses a conversation of another account, on insert and on update, and removes a deleted conversation's messages", async () => {
    const [a, b] = [await account(), await account()];
    // One bad row among good ones fails the whole statement.
    const insert = (conversations: string[]) => insertRows(db, a.id, 'messages', conversations.map(message)).then(() => null, codeOf);
    expect(await insert([a.conversations[0], b.conversations[0]])).toBe('23503');
    expect(await insert([a.conversations[0], a.conversations[0], a.conversations[1]])).toBeNull();
    const move = (conversation: string) =>
      inAccount(a.id, `UPDATE messages SET conversation_id = $2 WHERE account_id = $1`, [conversation]).then(() => null, codeOf);
    expect(await move(b.conversations[1])).toBe('23503');
    expect(await messagesOf(a.id)).toBe(3);

    // Conversation 2 holds one of the three messages.
    await inAccount(a.id, `DELETE FROM conversations WHERE account_id = $1 AND id = $2`, [a.conversations[1]]);
    expect(await messagesOf(a.id)).toBe(2);
    await insertRows(db, b.id, 'messages', [message(b.conversations[0])]);
    await inAccount(a.id, `DELETE FROM accounts WHERE id = $1`);
    expect(await messagesOf(a.id)).toBe(0);
    expect(await messagesOf(b.id)).toBe(1);
  });
});
