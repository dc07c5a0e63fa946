import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { Sql } from '../db/sql';
import { IngestConfig } from '../config';

/** pg-boss's schema, shared with the export queues. */
const QUEUE_SCHEMA = 'pgboss';

/**
 * Applies one account's log; one job per stored batch. A run takes every unapplied event of the
 * account in log order under a per-account lock, so the jobs of a busy account mostly find their
 * events applied already. (Deduplicating jobs per account would race: a batch whose job was
 * dropped for a queued one could commit after that job read the log.)
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

/** Asks for a run over the account's log, in the caller's transaction. */
export async function enqueueApply(sql: Sql, accountId: string, config: IngestConfig): Promise<void> {
  await jobWriter.send(APPLY_QUEUE, { accountId } satisfies ApplyJobData, {
    db: executorOf(sql),
    expireInSeconds: config.jobExpireSeconds,
    retryLimit: 1_000_000,
    // A busy account (another run holds it) is retried soon; the limit is out of reach on purpose.
    retryDelay: 1,
    retryBackoff: false,
  });
}

/** Asks for a look at the account after `seconds`, when its waiting events may have timed out; at most one per account and period. */
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
    for (const name of [APPLY_QUEUE, RECHECK_QUEUE]) await boss.createQueue(name, { name, policy: 'standard' });
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}
