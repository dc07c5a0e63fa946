import { Sql } from '../../db/sql';
import { BATCH_TABLE, isApplied } from './batch';

/**
 * LGPD/GDPR erasure (`contact.erased`). The log is scrubbed first, because every row is
 * recomputed from it: once an erased contact's events hold no personal data, no later
 * recomputation can bring any back. It runs at the end of every round for the erased contacts the
 * round touched, so events about an erased contact that arrive late are scrubbed too.
 *
 * Removed: the contact's name, e-mail, phone and identifiers, its attribute values, the content of
 * every message of its conversations, CSAT answers and resolution comments there, and what its
 * template dispatches said and to which number. Kept: every row, count and time.
 */
const ERASED = 'ingest_erased_contacts';

export async function applyErasures(sql: Sql, accountId: string): Promise<void> {
  // Erasures are rare: start from the erased contacts (a partial index finds them) and keep those this round touched; the
  // fence keeps the planner from testing every contact of the account against the batch first.
  await sql.query(
    `CREATE TEMP TABLE ${ERASED} ON COMMIT DROP AS
     WITH erased AS MATERIALIZED (
       SELECT DISTINCT c.id, c.source, c.external_id
         FROM ingest_events e
         JOIN contacts c ON c.account_id = $1 AND c.source = e.source AND c.external_id = e.subject
        WHERE e.account_id = $1 AND e.type = 'contact.erased' AND ${isApplied('e')})
     SELECT c.id, c.source, c.external_id
       FROM erased c
      WHERE (EXISTS (SELECT 1 FROM ${BATCH_TABLE} b
                      WHERE b.ok AND b.source = c.source AND (b.subject = c.external_id OR b.data->>'contact' = c.external_id OR b.data->>'senderContact' = c.external_id))
             OR EXISTS (SELECT 1 FROM conversations cv JOIN ${BATCH_TABLE} b ON b.ok AND b.source = cv.source AND b.conversation = cv.external_id
                         WHERE cv.account_id = $1 AND cv.contact_id = c.id)
             OR EXISTS (SELECT 1 FROM conversations cv
                          JOIN messages m ON m.account_id = $1 AND m.conversation_id = cv.id
                          JOIN ${BATCH_TABLE} b ON b.ok AND b.type LIKE 'message.%' AND b.source = m.source AND b.subject = m.external_id
                         WHERE cv.account_id = $1 AND cv.contact_id = c.id))`,
    [accountId],
  );
  const [{ count }] = await sql.query(`SELECT count(*)::int AS count FROM ${ERASED}`);
  if (count === 0) return;

  await sql.query(
    `CREATE TEMP TABLE ingest_erased_conversations ON COMMIT DROP AS
     SELECT cv.id, cv.source, cv.external_id FROM conversations cv JOIN ${ERASED} e ON e.id = cv.contact_id WHERE cv.account_id = $1`,
    [accountId],
  );
  // The log: the contact's own events, then whatever its conversations' events say.
  await sql.query(
    `UPDATE ingest_events l SET data = CASE l.type
              WHEN 'contact.upserted' THEN jsonb_build_object('contact', l.data->'contact', 'medium', l.data->'medium', 'primaryIdentifier', 'erased')
              WHEN 'contact.attribute_set' THEN l.data || '{"value": null}'
              WHEN 'dispatch.requested' THEN l.data || '{"content": "", "recipientNumber": ""}'
              ELSE l.data END
       FROM ${ERASED} e
      WHERE l.account_id = $1 AND l.source = e.source
        AND ((l.subject = e.external_id AND l.type IN ('contact.upserted', 'contact.attribute_set'))
             OR (l.type = 'dispatch.requested' AND l.data->>'contact' = e.external_id))`,
    [accountId],
  );
  await sql.query(
    `UPDATE ingest_events l SET data = l.data - 'content' - 'followUpAnswer' - 'comment'
       FROM ingest_erased_conversations cv
      WHERE l.account_id = $1 AND l.source = cv.source AND l.conversation = cv.external_id
        AND l.data ?| array['content', 'followUpAnswer', 'comment']`,
    [accountId],
  );
  await sql.query(
    `UPDATE ingest_events l SET data = l.data - 'content'
       FROM messages m JOIN ingest_erased_conversations cv ON cv.id = m.conversation_id
      WHERE m.account_id = $1 AND l.account_id = $1 AND l.source = m.source AND l.subject = m.external_id
        AND l.type = 'message.updated' AND l.data ? 'content'`,
    [accountId],
  );
  // The tables, to what the scrubbed log now says.
  await sql.query(
    `UPDATE contacts c SET name = NULL, email = NULL, phone_number = NULL, primary_identifier = 'erased', secondary_identifier = NULL
       FROM ${ERASED} e WHERE c.account_id = $1 AND c.id = e.id`,
    [accountId],
  );
  await sql.query(`UPDATE contact_attributes a SET value = NULL FROM ${ERASED} e WHERE a.account_id = $1 AND a.contact_id = e.id`, [
    accountId,
  ]);
  await sql.query(
    `UPDATE messages m SET content = NULL FROM ingest_erased_conversations cv WHERE m.account_id = $1 AND m.conversation_id = cv.id AND m.content IS NOT NULL`,
    [accountId],
  );
  await sql.query(
    `UPDATE conversations c SET csat_follow_up_answer = NULL, resolve_comment = NULL
       FROM ingest_erased_conversations cv WHERE c.account_id = $1 AND c.id = cv.id`,
    [accountId],
  );
  await sql.query(
    `UPDATE dispatches d SET content = '', recipient_number = '' FROM ${ERASED} e WHERE d.account_id = $1 AND d.contact_id = e.id`,
    [accountId],
  );
}
