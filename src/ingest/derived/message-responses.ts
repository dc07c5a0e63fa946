import { QueryRunner } from 'typeorm';
import { CURRENT_ACCOUNT } from '../../../migrations/tenancy';
import { responseRows } from '../../catalog/sql/response-cycles';
import { Sql } from '../../db/sql';
import { BATCH_TABLE } from '../applier/batch';
import { BUCKET_CONVERSATIONS } from './message-buckets';

/**
 * `message_responses` (migration 1770330000000) is kept per conversation, like `message_buckets`:
 * every round deletes the rows of the conversations it touched and computes them again from their
 * messages and resolutions, so the result is exact under any order, repetition or move. Its rows
 * depend on the conversation's inbox (its creation, sent again, may move it), on its messages (their
 * creations, which may date a message anew or move it between conversations) and on its
 * resolutions: the conversations the round's bucket refresh recomputed (run first, it names exactly
 * the former two), and those of the round's status changes. A
 * status change never moves, and its status is the one it was first applied with.
 */
const TOUCHED = 'ingest_responses_conversations';

export async function refreshMessageResponses(sql: Sql, accountId: string): Promise<void> {
  await sql.query(
    `CREATE TEMP TABLE ${TOUCHED} ON COMMIT DROP AS
     SELECT id FROM ${BUCKET_CONVERSATIONS}
     UNION
     SELECT c.id FROM ${BATCH_TABLE} b
       JOIN conversations c ON c.account_id = $1 AND c.source = b.source AND c.external_id = b.conversation
      WHERE b.ok AND b.type = 'conversation.status_changed'`,
    [accountId],
  );
  await sql.query(`DELETE FROM message_responses r USING ${TOUCHED} t WHERE r.account_id = $1 AND r.conversation_id = t.id`, [accountId]);
  await sql.query(
    `INSERT INTO message_responses
     ${responseRows({
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
export async function rebuildMessageResponses(runner: QueryRunner): Promise<number> {
  await runner.query(`DELETE FROM message_responses WHERE account_id = ${CURRENT_ACCOUNT}`);
  const [{ count }] = await runner.query(
    `WITH written AS (
       INSERT INTO message_responses
       ${responseRows({ messages: `m.account_id = ${CURRENT_ACCOUNT}`, events: `e.account_id = ${CURRENT_ACCOUNT}` })}
       RETURNING 1)
     SELECT count(*)::int AS count FROM written`,
  );
  return count;
}
