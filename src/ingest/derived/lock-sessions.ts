import { QueryRunner } from 'typeorm';
import { CURRENT_ACCOUNT } from '../../../migrations/tenancy';
import { lockSessionRows } from '../../catalog/sql/lock-sessions';
import { Sql } from '../../db/sql';
import { BATCH_TABLE } from '../applier/batch';
import { BUCKET_CONVERSATIONS } from './message-buckets';

/**
 * `lock_sessions` (migration 1770300000000) is kept per conversation, like `conversation_firsts`:
 * every round deletes the rows of the conversations it touched and computes them again from their
 * events and messages, so the result is exact under any order, repetition or move. A conversation's
 * rows depend on its locks and unlocks, its resolutions and its human replies: the conversations the
 * round's bucket refresh recomputed (run first, it names every conversation a message was created in,
 * moved from or deleted from) and those of the round's locks, unlocks and resolutions. Those events
 * never move, and a re-sent one keeps its row: its conversation, agent, time and status stay.
 */
const TOUCHED = 'ingest_lock_conversations';

export async function refreshLockSessions(sql: Sql, accountId: string): Promise<void> {
  await sql.query(
    `CREATE TEMP TABLE ${TOUCHED} ON COMMIT DROP AS
     SELECT id FROM ${BUCKET_CONVERSATIONS}
     UNION
     SELECT c.id FROM ${BATCH_TABLE} b
       JOIN conversations c ON c.account_id = $1 AND c.source = b.source AND c.external_id = b.conversation
      WHERE b.ok AND (b.type IN ('conversation.locked', 'conversation.unlocked')
                      OR (b.type = 'conversation.status_changed' AND b.data->>'status' = 'resolved'))`,
    [accountId],
  );
  await sql.query(`DELETE FROM lock_sessions s USING ${TOUCHED} t WHERE s.account_id = $1 AND s.conversation_id = t.id`, [accountId]);
  await sql.query(
    `INSERT INTO lock_sessions ${lockSessionRows((row) => `${row}.account_id = $1 AND ${row}.conversation_id IN (SELECT id FROM ${TOUCHED})`)}`,
    [accountId],
  );
}

/**
 * Recomputes the bound account's rows from its tables; returns the number of rows written. The
 * account is named, not only left to Row Level Security, so that a superuser owner rebuilds one
 * account too.
 */
export async function rebuildLockSessions(runner: QueryRunner): Promise<number> {
  await runner.query(`DELETE FROM lock_sessions WHERE account_id = ${CURRENT_ACCOUNT}`);
  const [{ count }] = await runner.query(
    `WITH written AS (
       INSERT INTO lock_sessions ${lockSessionRows((row) => `${row}.account_id = ${CURRENT_ACCOUNT}`)}
       RETURNING 1)
     SELECT count(*)::int AS count FROM written`,
  );
  return count;
}
