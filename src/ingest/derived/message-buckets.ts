import { QueryRunner } from 'typeorm';
import { CURRENT_ACCOUNT } from '../../../migrations/tenancy';
import { bucketRows } from '../../catalog/sql/message-buckets';
import { Sql } from '../../db/sql';
import { BATCH_TABLE, logOfTouched } from '../applier/batch';
import { KNOWN_MESSAGES } from '../applier/messages';
import { analyzeTouched } from '../applier/statistics';

/**
 * `message_buckets` (migration 1770210000000) is kept per conversation: every round deletes the
 * rows of the conversations it touched and computes them again from their messages, so the result
 * is exact under any order, repetition, edit or deletion of events, and costs what the batch
 * touched. Only what the rows hold touches a conversation: its creation (sent again, it may move the
 * conversation to another inbox or contact, or date it anew) and a creation or deletion of one of
 * its messages; status changes, edits and deliveries leave its buckets as they are.
 * A re-sent message creation may also move the message to another conversation: every conversation
 * any creation event of the message named is recomputed, so the one it left is too. Only messages
 * that had a row before the round (the applier's known messages) and deleted ones need their
 * creations read back from the log: a message new to the tables has all its creations in the
 * batch, and the conversations they name are the batch's own (20,000 new messages: 58–131 ms
 * instead of 634–786 ms with every created message looked up).
 */
/** The conversations a round's rows of this rollup were recomputed for (until the round commits): `id`. */
export const BUCKET_CONVERSATIONS = 'ingest_bucket_conversations';
const TOUCHED = BUCKET_CONVERSATIONS;
/**
 * The buckets those conversations' rows were in before the round or are in after it (until the round
 * commits): `bucket`. Every message the round created, moved, retyped or deleted lies in one of them.
 */
export const BUCKET_TIMES = 'ingest_bucket_times';

export async function refreshMessageBuckets(sql: Sql, accountId: string): Promise<void> {
  await sql.query(
    `CREATE TEMP TABLE ${TOUCHED} ON COMMIT DROP AS
     WITH keys AS (
       SELECT source, conversation FROM ${BATCH_TABLE} WHERE ok AND type IN ('conversation.created', 'message.created')
       UNION
       SELECT l.source, l.conversation
         FROM (SELECT source, subject FROM ${BATCH_TABLE} WHERE ok AND type = 'message.deleted'
               UNION
               SELECT source, subject FROM ${KNOWN_MESSAGES}) t
              ${logOfTouched('subject', `e.type = 'message.created'`)})
     SELECT DISTINCT c.id FROM keys k JOIN conversations c ON c.account_id = $1 AND c.source = k.source AND c.external_id = k.conversation`,
    [accountId],
  );
  await analyzeTouched(sql, TOUCHED);
  await sql.query(`CREATE TEMP TABLE ${BUCKET_TIMES} (bucket timestamptz PRIMARY KEY) ON COMMIT DROP`);
  await sql.query(
    `WITH gone AS (DELETE FROM message_buckets b USING ${TOUCHED} t WHERE b.account_id = $1 AND b.conversation_id = t.id RETURNING b.bucket)
     INSERT INTO ${BUCKET_TIMES} SELECT DISTINCT bucket FROM gone`,
    [accountId],
  );
  await sql.query(
    `WITH written AS (
       INSERT INTO message_buckets
       ${bucketRows({
         conversations: `c.account_id = $1 AND c.id IN (SELECT id FROM ${TOUCHED})`,
         messages: `m.account_id = $1 AND m.conversation_id IN (SELECT id FROM ${TOUCHED})`,
       })}
       RETURNING bucket)
     INSERT INTO ${BUCKET_TIMES} SELECT DISTINCT bucket FROM written EXCEPT SELECT bucket FROM ${BUCKET_TIMES}`,
    [accountId],
  );
}

/**
 * Recomputes the bound account's rollup from its tables; returns the number of rows written. The
 * account is named, not only left to Row Level Security, so that a superuser owner rebuilds one
 * account too.
 */
export async function rebuildMessageBuckets(runner: QueryRunner): Promise<number> {
  await runner.query(`DELETE FROM message_buckets WHERE account_id = ${CURRENT_ACCOUNT}`);
  const [{ count }] = await runner.query(
    `WITH written AS (
       INSERT INTO message_buckets
       ${bucketRows({ conversations: `c.account_id = ${CURRENT_ACCOUNT}`, messages: `m.account_id = ${CURRENT_ACCOUNT}` })}
       RETURNING 1)
     SELECT count(*)::int AS count FROM written`,
  );
  return count;
}
