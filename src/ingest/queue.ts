import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { Sql } from '../db/sql';
import { IngestConfig } from '../config';

/** pg-boss's schema, shared with the export queues. */
const QUEUE_SCHEMA = 'pgboss';

/**
 * Applies one account's log. `stately` keeps at most one job per account queued and one active,
 * so an account's events are applied by one worker at a time, in log order, while another
 * account's run elsewhere; a batch stored while a job runs finds the queued one and adds none.
 */
export const APPLY_QUEUE = 'ingest-apply';
/** A delayed look at an account whose events wait for references, so a timeout fires with no new traffic. */
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

/** Asks for a run over the account's log, in the caller's transaction; a no-op when one is already queued. */
export async function enqueueApply(sql: Sql, accountId: string, config: IngestConfig): Promise<void> {
  await jobWriter.send(APPLY_QUEUE, { accountId } satisfies ApplyJobData, {
    db: executorOf(sql),
    singletonKey: accountId,
    expireInSeconds: config.jobExpireSeconds,
    retryLimit: 1_000_000,
    retryDelay: 1,
    retryBackoff: true,
  });
}

/** Asks for a look at the account after `seconds`, when its waiting events may have timed out. */
export async function enqueueRecheck(sql: Sql, accountId: string, seconds: number): Promise<void> {
  await jobWriter.send(RECHECK_QUEUE, { accountId } satisfies ApplyJobData, { db: executorOf(sql), singletonKey: accountId, startAfter: seconds });
}

/** Creates the two queues as the owner (the runtime role may already insert jobs, see installJobQueue). */
export async function installIngestQueues(owner: DataSource): Promise<void> {
  const boss = new PgBoss({ schema: QUEUE_SCHEMA, db: executorOf(owner), supervise: false, schedule: false, migrate: false });
  await boss.start();
  try {
    for (const name of [APPLY_QUEUE, RECHECK_QUEUE]) await boss.createQueue(name, { name, policy: 'stately' });
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}
