import { QueryRunner } from 'typeorm';
import { CURRENT_ACCOUNT } from '../../../migrations/tenancy';
import { conversationFirstsRows } from '../../catalog/sql/conversation-firsts';
import { Sql } from '../../db/sql';
import { BATCH_TABLE } from '../applier/batch';
import { BUCKET_CONVERSATIONS } from './message-buckets';

/**
 * `conversation_firsts` (migration 1770230000000) is kept per conversation, like `message_buckets`:
 * every round deletes the rows of the conversations it touched and computes them again from their
 * messages and events, so the result is exact under any order, repetition or move. Its rows depend on
 * the conversation's messages (their creations, which may move a message between conversations, and
 * deletions) and on its handovers: the conversations the round's bucket refresh recomputed (run
 * first, it names exactly the former), and those of the round's handovers. A handover never moves: a
 * re-sent event keeps its conversation and time.
 */
const TOUCHED = 'ingest_firsts_conversations';

export async function refreshConversationFirsts(sql: Sql, accountId: string): Promise<void> {
  await sql.query(
    `CREATE TEMP TABLE ${TOUCHED} ON COMMIT DROP AS
     SELECT id FROM ${BUCKET_CONVERSATIONS}
     UNION
     SELECT c.id FROM ${BATCH_TABLE} b
       JOIN conversations c ON c.account_id = $1 AND c.source = b.source AND c.external_id = b.conversation
      WHERE b.ok AND b.type = 'conversation.handed_over'`,
    [accountId],
  );
  await sql.query(`DELETE FROM conversation_firsts f USING ${TOUCHED} t WHERE f.account_id = $1 AND f.conversation_id = t.id`, [accountId]);
  await sql.query(
    `INSERT INTO conversation_firsts
     ${conversationFirstsRows({
       conversations: `c.account_id = $1 AND c.id IN (SELECT id FROM ${TOUCHED})`,
       messages: `m.account_id = $1 AND m.conversation_id IN (SELECT id FROM ${TOUCHED})`,
       events: `e.account_id = $1 AND e.conversation_id IN (SELECT id FROM ${TOUCHED})`,
     })}`,
    [accountId],
  );
}

/**
 * Recomputes the bound account's rows from its tables; returns the number of rows written. The
 * account is named, not only left to Row Level Security, so that a superuser owner rebuilds one
 * account too.
 */
export async function rebuildConversationFirsts(runner: QueryRunner): Promise<number> {
  await runner.query(`DELETE FROM conversation_firsts WHERE account_id = ${CURRENT_ACCOUNT}`);
  const [{ count }] = await runner.query(
    `WITH written AS (
       INSERT INTO conversation_firsts
       ${conversationFirstsRows({
         conversations: `c.account_id = ${CURRENT_ACCOUNT}`,
         messages: `m.account_id = ${CURRENT_ACCOUNT}`,
         events: `e.account_id = ${CURRENT_ACCOUNT}`,
       })}
       RETURNING 1)
     SELECT count(*)::int AS count FROM written`,
  );
  return count;
}
