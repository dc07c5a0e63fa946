import { Database } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { insertRows } from '../support/fixtures';

/**
 * One WhatsApp inbox and contact with `conversations` open conversations of `messagesPerConversation`
 * incoming messages each, `stepMs` apart from 2026-03-10 00:00 UTC in display-id order: enough rows
 * for an export to run for a while, written in two statements however many there are (straight into the
 * tables, with a test identity: what is exported matters here, not how it arrived).
 */
export async function insertBulkMessages(
  db: Database,
  accountId: string,
  options: { conversations: number; messagesPerConversation: number; stepMs: number; content: string },
): Promise<void> {
  const [inbox] = await insertRows(db, accountId, 'inboxes', [
    { name: 'WA', display_name: 'WhatsApp', channel_type: 'whatsapp', medium: 'WhatsApp' },
  ]);
  const [contact] = await insertRows(db, accountId, 'contacts', [{ medium: 'WhatsApp', name: 'Zé', primary_identifier: '+5511900000000' }]);
  await withTenant(db.owner, accountId, async (runner) => {
    await runner.query(
      `INSERT INTO conversations (source, external_id, account_id, display_id, inbox_id, contact_id, status, created_at, updated_at)
       SELECT 'test', 'c-' || n, $1, n, $2, $3, 'open', timestamptz '2026-03-10 00:00Z', timestamptz '2026-03-10 00:00Z' FROM generate_series(1, $4) n`,
      [accountId, inbox, contact, options.conversations],
    );
    await runner.query(
      `INSERT INTO messages (source, external_id, account_id, conversation_id, direction, message_type, origin, sender_contact_id, content, created_at, updated_at)
       SELECT 'test', 'm-' || c.id || '-' || g, $1, c.id, 'incoming', 'text', 'contact', $2, $5::text || g,
              timestamptz '2026-03-10 00:00Z' + ((c.display_id - 1) * $3 + g) * $4 * interval '1 millisecond',
              timestamptz '2026-03-10 00:00Z' + ((c.display_id - 1) * $3 + g) * $4 * interval '1 millisecond'
         FROM conversations c CROSS JOIN generate_series(1, $3) g WHERE c.account_id = $1`,
      [accountId, contact, options.messagesPerConversation, options.stepMs, options.content],
    );
    await runner.query('ANALYZE messages');
  });
}
