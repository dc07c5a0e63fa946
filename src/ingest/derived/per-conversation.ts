import { QueryRunner } from 'typeorm';
import { CURRENT_ACCOUNT } from '../../../migrations/tenancy';
import { Sql } from '../../db/sql';
import { BATCH_TABLE } from '../applier/batch';
import { BUCKET_CONVERSATIONS } from './message-buckets';
import { analyzeTouched } from '../applier/statistics';

/** Narrows a row alias to the conversations being recomputed, by its account and conversation column. */
export type ConversationScope = (alias: string, column?: string) => string;

/**
 * A derived table kept per conversation (`conversation_firsts`, `lock_sessions`,
 * `message_responses`): every round deletes the rows of the conversations it touched and computes
 * them again from their messages and events, so the result is exact under any order, repetition or
 * move. The touched conversations are those the round's bucket refresh recomputed (run first, it
 * names every conversation a message was created in, moved from or deleted from, and every
 * conversation created again) and those of the round's events the table also depends on, which
 * never move: a re-sent event keeps its conversation and time.
 */
export interface PerConversationTable {
  table: string;
  /** The temporary table of the round's touched conversations. */
  touched: string;
  /** Which of the batch's events `b` touch the table besides messages (their conversation is recomputed too). */
  touchedBy: string;
  /** The table's rows of the conversations `scope` keeps. */
  rows(scope: ConversationScope): string;
}

export async function refreshPerConversation(sql: Sql, accountId: string, t: PerConversationTable): Promise<void> {
  await sql.query(
    `CREATE TEMP TABLE ${t.touched} ON COMMIT DROP AS
     SELECT id FROM ${BUCKET_CONVERSATIONS}
     UNION
     SELECT c.id FROM ${BATCH_TABLE} b
       JOIN conversations c ON c.account_id = $1 AND c.source = b.source AND c.external_id = b.conversation
      WHERE b.ok AND (${t.touchedBy})`,
    [accountId],
  );
  await analyzeTouched(sql, t.touched);
  await sql.query(`DELETE FROM ${t.table} d USING ${t.touched} t WHERE d.account_id = $1 AND d.conversation_id = t.id`, [accountId]);
  await sql.query(
    `INSERT INTO ${t.table} ${t.rows((alias, column = 'conversation_id') => `${alias}.account_id = $1 AND ${alias}.${column} IN (SELECT id FROM ${t.touched})`)}`,
    [accountId],
  );
}

/**
 * Recomputes the bound account's rows from its tables; returns the number of rows written. The
 * account is named, not only left to Row Level Security, so that a superuser owner rebuilds one
 * account too.
 */
export async function rebuildPerConversation(runner: QueryRunner, t: PerConversationTable): Promise<number> {
  await runner.query(`DELETE FROM ${t.table} WHERE account_id = ${CURRENT_ACCOUNT}`);
  const [{ count }] = await runner.query(
    `WITH written AS (
       INSERT INTO ${t.table} ${t.rows((alias) => `${alias}.account_id = ${CURRENT_ACCOUNT}`)}
       RETURNING 1)
     SELECT count(*)::int AS count FROM written`,
  );
  return count;
}
