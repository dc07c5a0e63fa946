import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { Sql } from '../db/sql';
import { IngestConfig } from '../config';

/** pg-boss's schema, shared with the export queues. */
const QUEUE_SCHEMA = 'pgboss';

/** How soon after a stored batch its account is looked at again, in case its job was dropped for one that started too early. */
export const BATCH_RECHECK_SECONDS = 2;

/**
 * Applies one account's log. Policy `short` keeps at most one job per account waiting to start,
 * so a busy sender does not pile up jobs that other accounts' jobs would queue behind. A batch
 * whose job was dropped for the waiting one is still applied: that job reads the log when it
 * starts, and should it start before the batch commits, the batch's own delayed look (below)
 * asks again.
 */
export const APPLY_QUEUE = 'ingest-apply';
/** A delayed look at an account: after a stored batch, and while its events wait for references, so a timeout fires with no new traffic. */
export const RECHECK_QUEUE = 'ingest-recheck';

export interface ApplyJobData {
  accountId: string;
}

/** Jobs an applier run sends on its own connection and the API sends inside its request transaction. */
const jobWriter = new PgBoss({
  schema: QUEUE_SCHEMA,
  db: { executeSql: () => Promise.reject(new Error('jobs are only sent inside a caller transaction')) },
});

function executorOf(sql: Sql): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: await sql.query(text, values) }) };
}

/** Asks for a run over the account's log, in the caller's transaction; a no-op while one is waiting to start. */
export async function enqueueApply(sql: Sql, accountId: string, config: IngestConfig): Promise<void> {
  await jobWriter.send(APPLY_QUEUE, { accountId } satisfies ApplyJobData, {
    db: executorOf(sql),
    singletonKey: accountId,
    expireInSeconds: config.jobExpireSeconds,
    retryLimit: 1_000_000,
    // A busy account (another run holds it) is retried soon; the limit is out of reach on purpose.
    retryDelay: 1,
    retryBackoff: false,
  });
}

/** Asks for a look at the account after `seconds`; at most one per account and period of that length. */
export async function enqueueRecheck(sql: Sql, accountId: string, seconds: number): Promise<void> {
  await jobWriter.send(RECHECK_QUEUE, { accountId } satisfies ApplyJobData, {
    db: executorOf(sql),
    singletonKey: accountId,
    singletonSeconds: seconds,
    startAfter: seconds,
  });
}

/** Creates the two queues as the owner (the runtime role may already insert jobs, see installJobQueue). */
export async function installIngestQueues(owner: DataSource): Promise<void> {
  const boss = new PgBoss({ schema: QUEUE_SCHEMA, db: executorOf(owner), supervise: false, schedule: false, migrate: false });
  await boss.start();
  try {
    await boss.createQueue(APPLY_QUEUE, { name: APPLY_QUEUE, policy: 'short' });
    await boss.createQueue(RECHECK_QUEUE, { name: RECHECK_QUEUE, policy: 'standard' });
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}
