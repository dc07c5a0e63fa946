import { QueryRunner } from 'typeorm';
import { CURRENT_ACCOUNT } from '../../../migrations/tenancy';
import { BUCKET_WIDTH } from '../../catalog/sql/message-buckets';
import { messageCountRows } from '../../catalog/sql/message-counts';
import { Sql } from '../../db/sql';
import { BUCKET_TIMES } from './message-buckets';

/**
 * `message_counts` (migration 1770310000000) is kept per bucket: every round deletes the rows of
 * each bucket the touched conversations' `message_buckets` rows were or are in and counts them
 * again from the bucket's messages. Those conversations are the ones whose messages the round
 * created, moved or deleted (see message-buckets.ts), a message's sending agent and team only
 * change with its creation, and a bucket of only activity messages counts nothing, so every bucket
 * whose counts can change is counted again, whole: the result is exact under any order, repetition
 * or deletion of events. It runs after the `message_buckets` refresh, which leaves those buckets.
 */
export async function refreshMessageCounts(sql: Sql, accountId: string): Promise<void> {
  // Never analyzed, the new table is priced at 2,260 rows, and the delete read every row of the account's rollup.
  await sql.query(`ANALYZE ${BUCKET_TIMES}`);
  await sql.query(`DELETE FROM message_counts mc USING ${BUCKET_TIMES} t WHERE mc.account_id = $1 AND mc.bucket = t.bucket`, [accountId]);
  await sql.query(
    `INSERT INTO message_counts
     ${messageCountRows('m.account_id = $1', `(SELECT bucket AS lo, bucket + ${BUCKET_WIDTH} AS hi FROM ${BUCKET_TIMES})`)}`,
    [accountId],
  );
}

/** Recomputes the bound account's rollup from its tables; returns the number of rows written. */
export async function rebuildMessageCounts(runner: QueryRunner): Promise<number> {
  await runner.query(`DELETE FROM message_counts WHERE account_id = ${CURRENT_ACCOUNT}`);
  const [{ count }] = await runner.query(
    `WITH written AS (
       INSERT INTO message_counts ${messageCountRows(`m.account_id = ${CURRENT_ACCOUNT}`)}
       RETURNING 1)
     SELECT count(*)::int AS count FROM written`,
  );
  return count;
}
