import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { Sql } from '../db/sql';
import { RUNTIME_GROUP_ROLE } from '../../migrations/tenancy';
import { ExportConfig } from '../config';

/** pg-boss keeps its tables in this schema, created and migrated by the owner at boot. */
export const QUEUE_SCHEMA = 'pgboss';
/** One job per export, whose pg-boss id is the export's id. */
export const EXPORT_QUEUE = 'export-run';
/** One job per notification delivery, retried with backoff. */
export const NOTIFY_QUEUE = 'export-notify';
/**
 * One job per upload of a finished export (SFTP), retried with the backoff the queue itself is
 * configured with by the schedule worker that serves it.
 */
export const DELIVERY_QUEUE = 'export-deliver';
/** Brings pg-boss's cron of one export schedule in line with its row; installed here so the API can queue it from its first start. */
export const SCHEDULE_SYNC_QUEUE = 'export-schedule-sync';

/** What a queued job carries: enough to bind a transaction to the account, never the export itself. */
export interface ExportJobData {
  accountId: string;
  exportId: string;
}

/**
 * While an account has no free slot its exports wait by failing fast and being retried after
 * SLOT_WAIT_SECONDS; pg-boss counts those as retries, so its limit is set out of reach and the
 * export's own attempt counter (EXPORT_MAX_ATTEMPTS) bounds the real attempts.
 */
const SLOT_WAIT_SECONDS = 2;
const SLOT_WAIT_RETRY_LIMIT = 1_000_000;
const NOTIFY_FIRST_RETRY_SECONDS = 5;

function executorOf(sql: Sql): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: await sql.query(text, values) }) };
}

/**
 * Makes job rows only: it owns no connection, and every send names the transaction to write in,
 * so a job exists exactly when the transaction that asked for it commits.
 */
const jobWriter = new PgBoss({
  schema: QUEUE_SCHEMA,
  db: { executeSql: () => Promise.reject(new Error('jobs are only sent inside a caller transaction')) },
});

/**
 * Queues the run of an export in the caller's transaction (the runtime role may insert jobs).
 * `priority` orders it among waiting exports (pg-boss serves higher first, then older first).
 */
export async function enqueueExport(sql: Sql, data: ExportJobData, config: ExportConfig, priority = 0): Promise<void> {
  const id = await jobWriter.send(EXPORT_QUEUE, data, {
    id: data.exportId,
    priority,
    db: executorOf(sql),
    expireInSeconds: config.jobExpireSeconds,
    retryLimit: SLOT_WAIT_RETRY_LIMIT,
    retryDelay: SLOT_WAIT_SECONDS,
    retryBackoff: false,
  });
  if (id === null) throw new Error(`export ${data.exportId} is already queued`);
}

/** Queues the notification of a finished export in the caller's transaction. */
export async function enqueueNotification(sql: Sql, data: ExportJobData, config: ExportConfig): Promise<void> {
  await jobWriter.send(NOTIFY_QUEUE, data, {
    db: executorOf(sql),
    expireInSeconds: config.webhookTimeoutSeconds * 2 + 5,
    retryLimit: config.webhookAttempts - 1,
    retryDelay: NOTIFY_FIRST_RETRY_SECONDS,
    retryBackoff: true,
  });
}

/** Sends a job to any queue in the caller's transaction (queue settings supply what `options` leaves out). */
export async function sendInTransaction(sql: Sql, queue: string, data: object, options: PgBoss.SendOptions = {}): Promise<void> {
  await jobWriter.send(queue, data, { ...options, db: executorOf(sql) });
}

/** Queues the uploads a finished export still owes (its pending deliveries other than the webhook, which NOTIFY_QUEUE makes). */
export async function enqueueDeliveries(sql: Sql, data: ExportJobData): Promise<void> {
  const rows: Array<{ kind: string }> = await sql.query(
    `SELECT kind FROM export_deliveries WHERE export_id = $1 AND kind <> 'webhook' AND status = 'pending'`,
    [data.exportId],
  );
  for (const { kind } of rows) await sendInTransaction(sql, DELIVERY_QUEUE, { ...data, kind });
}

/**
 * Installs (or migrates) pg-boss's schema and the two queues as the owner, then lets the runtime
 * role insert jobs, which is all the API needs to enqueue inside its request transaction: it can
 * read queue settings and the ids it inserted, nothing of other jobs' data.
 */
export async function installJobQueue(owner: DataSource): Promise<void> {
  const boss = new PgBoss({ schema: QUEUE_SCHEMA, db: executorOf(owner), supervise: false, schedule: false, migrate: true });
  await boss.start();
  try {
    await boss.createQueue(EXPORT_QUEUE, { name: EXPORT_QUEUE, policy: 'standard' });
    await boss.createQueue(NOTIFY_QUEUE, { name: NOTIFY_QUEUE, policy: 'standard' });
    await boss.createQueue(DELIVERY_QUEUE, { name: DELIVERY_QUEUE, policy: 'standard' });
    // Serial: each sync reads the schedule's row as it is then, so the last change wins whatever the order.
    await boss.createQueue(SCHEDULE_SYNC_QUEUE, { name: SCHEDULE_SYNC_QUEUE, policy: 'singleton' });
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
  await owner.transaction(async (manager) => {
    // Concurrent GRANTs on one object fail with "tuple concurrently updated"; processes boot together.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('job-queue-grants'))`);
    await manager.query(`GRANT USAGE ON SCHEMA ${QUEUE_SCHEMA} TO ${RUNTIME_GROUP_ROLE}`);
    await manager.query(`GRANT SELECT ON ${QUEUE_SCHEMA}.queue TO ${RUNTIME_GROUP_ROLE}`);
    await manager.query(`GRANT INSERT, SELECT (id) ON ${QUEUE_SCHEMA}.job TO ${RUNTIME_GROUP_ROLE}`);
  });
}
