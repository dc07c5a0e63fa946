import { Sql } from '../db/sql';
import { EXPORT_JOB_COLUMNS, EXPORT_JOB_FROM, ExportJobRecord } from './export-job';
import { ExportErrorCode, ExportStatus } from './export.enums';
import { CURRENT_ACCOUNT } from '../../migrations/tenancy';
import { announce } from './export-job-events';

/**
 * Every statement on `export_jobs`. Each runs in a transaction already bound to the account, so
 * Row Level Security, not these WHERE clauses, keeps accounts apart. Updates go through a CTE so
 * that TypeORM returns their rows as it does for a SELECT. Every statement that changes a status or
 * the progress also announces the export (`announce`), in its own transaction.
 */

async function one(sql: Sql, text: string, values: unknown[]): Promise<ExportJobRecord | null> {
  const rows: ExportJobRecord[] = await sql.query(text, values);
  return rows[0] ?? null;
}

function selectWhere(condition: string): string {
  return `SELECT ${EXPORT_JOB_COLUMNS} FROM ${EXPORT_JOB_FROM} WHERE ${condition}`;
}

/** Re-reads rows changed by a CTE named `changed` with the requester's name, and announces them. */
const CHANGED = `SELECT ${EXPORT_JOB_COLUMNS} FROM changed j ${announce('j')} JOIN api_keys k ON k.account_id = j.account_id AND k.id = j.requested_by_key_id`;

export function findExportJob(sql: Sql, id: string): Promise<ExportJobRecord | null> {
  return one(sql, selectWhere('j.id = $1'), [id]);
}

export function findExportJobByIdempotencyKey(sql: Sql, key: string): Promise<ExportJobRecord | null> {
  return one(sql, selectWhere('j.idempotency_key = $1'), [key]);
}

/** What a request decides about a new export; everything else starts at its default. */
export type NewExportJob = Pick<
  ExportJobRecord,
  | 'requestedByKeyId'
  | 'report'
  | 'filter'
  | 'columns'
  | 'locale'
  | 'delimiter'
  | 'bom'
  | 'gzip'
  | 'fileName'
  | 'idempotencyKey'
  | 'notifyUrl'
> &
  Partial<Pick<ExportJobRecord, 'scheduleId' | 'scheduleSlot'>>;

/** Null when a concurrent request with the same idempotency key won the race. */
export function insertExportJob(sql: Sql, job: NewExportJob): Promise<ExportJobRecord | null> {
  return one(
    sql,
    `WITH changed AS (
       INSERT INTO export_jobs (account_id, requested_by_key_id, report, filter, columns, locale, delimiter, bom, gzip, file_name,
                                as_of, idempotency_key, notify_url, schedule_id, schedule_slot)
       VALUES (${CURRENT_ACCOUNT}, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (account_id, idempotency_key) DO NOTHING
       RETURNING *
     ) ${CHANGED}`,
    [
      job.requestedByKeyId,
      job.report,
      JSON.stringify(job.filter),
      job.columns,
      job.locale,
      job.delimiter,
      job.bom,
      job.gzip,
      job.fileName,
      job.filter.asOf,
      job.idempotencyKey,
      job.notifyUrl,
      job.scheduleId ?? null,
      job.scheduleSlot ?? null,
    ],
  );
}

export interface ExportJobPage {
  requestedBy: string | null;
  status: ExportStatus | null;
  /** Only the exports this schedule made; null = all. */
  scheduleId: string | null;
  /** Keyset position (created_at in microseconds, id) to continue after, newest first. */
  after: { time: string; id: string } | null;
  limit: number;
}

function pageConditions(page: Omit<ExportJobPage, 'after' | 'limit'>, values: unknown[]): string[] {
  const conditions = ['true'];
  if (page.requestedBy !== null) {
    values.push(page.requestedBy);
    conditions.push(`j.requested_by_key_id = $${values.length}`);
  }
  if (page.status !== null) {
    values.push(page.status);
    conditions.push(`j.status = $${values.length}`);
  }
  if (page.scheduleId !== null) {
    values.push(page.scheduleId);
    conditions.push(`j.schedule_id = $${values.length}`);
  }
  return conditions;
}

export function listExportJobs(sql: Sql, page: ExportJobPage): Promise<ExportJobRecord[]> {
  const values: unknown[] = [];
  const conditions = pageConditions(page, values);
  if (page.after) {
    values.push(page.after.time, page.after.id);
    conditions.push(
      `(j.created_at, j.id) < ('epoch'::timestamptz + $${values.length - 1}::bigint * interval '1 microsecond', $${values.length}::uuid)`,
    );
  }
  values.push(page.limit);
  return sql.query(`${selectWhere(conditions.join(' AND '))} ORDER BY j.created_at DESC, j.id DESC LIMIT $${values.length}`, values);
}

export async function countExportJobs(sql: Sql, page: Omit<ExportJobPage, 'after' | 'limit'>): Promise<number> {
  const values: unknown[] = [];
  const [row] = await sql.query(
    `SELECT count(*)::int AS count FROM export_jobs j WHERE ${pageConditions(page, values).join(' AND ')}`,
    values,
  );
  return row.count;
}

/** Cancels an export that has not finished; null when it already has (or does not exist). */
export function cancelExportJob(sql: Sql, id: string): Promise<ExportJobRecord | null> {
  return one(
    sql,
    `WITH changed AS (
       UPDATE export_jobs SET status = 'cancelled', finished_at = now()
        WHERE id = $1 AND status IN ('queued', 'running')
       RETURNING *
     ) ${CHANGED}`,
    [id],
  );
}

export type Claim =
  { kind: 'run'; job: ExportJobRecord } | { kind: 'finished' } | { kind: 'busy' } | { kind: 'exhausted'; job: ExportJobRecord };

/**
 * Takes one of the account's running slots for a new attempt. The account-wide advisory lock makes
 * count-then-claim atomic across workers; the row lock makes a finishing attempt and a new one
 * take turns. An export left RUNNING by a killed worker keeps its slot until it is claimed again.
 */
export async function claimExportJob(
  sql: Sql,
  accountId: string,
  id: string,
  limits: { accountConcurrency: number; maxAttempts: number },
): Promise<Claim> {
  await sql.query(`SELECT pg_advisory_xact_lock(hashtext('export-slots'), hashtext($1))`, [accountId]);
  const [row]: Array<{ status: ExportStatus; attempt: number }> = await sql.query(
    'SELECT status, attempt FROM export_jobs WHERE id = $1 FOR UPDATE',
    [id],
  );
  if (!row || (row.status !== ExportStatus.QUEUED && row.status !== ExportStatus.RUNNING)) return { kind: 'finished' };
  if (row.attempt >= limits.maxAttempts) {
    const job = await failExportJob(
      sql,
      id,
      row.attempt,
      ExportErrorCode.ATTEMPTS_EXHAUSTED,
      `All ${row.attempt} attempts were interrupted before the file was complete.`,
    );
    return job ? { kind: 'exhausted', job } : { kind: 'finished' };
  }
  // The account is named, not only left to Row Level Security, which does not bind a superuser owner: other accounts'
  // running jobs took this one's slots.
  const [{ running }] = await sql.query(
    `SELECT count(*)::int AS running FROM export_jobs WHERE account_id = $2 AND status = 'running' AND id <> $1`,
    [id, accountId],
  );
  if (running >= limits.accountConcurrency) return { kind: 'busy' };
  const job = await one(
    sql,
    `WITH changed AS (
       UPDATE export_jobs SET status = 'running', attempt = attempt + 1, progress = 0, started_at = coalesce(started_at, now()),
                              error_code = NULL, error_message = NULL
        WHERE id = $1
       RETURNING *
     ) ${CHANGED}`,
    [id],
  );
  return job ? { kind: 'run', job } : { kind: 'finished' };
}

/**
 * False once the attempt is no longer the export's current one (cancelled, or taken over). Ticks
 * overlap and the last may come after COPY has left pg_stat_progress_copy, so progress only rises.
 */
export async function reportProgress(sql: Sql, id: string, attempt: number, progress: number): Promise<boolean> {
  const rows = await sql.query(
    `WITH changed AS (UPDATE export_jobs SET progress = greatest(progress, $3) WHERE id = $1 AND attempt = $2 AND status = 'running' RETURNING account_id, id)
     SELECT 1 FROM changed c ${announce('c')}`,
    [id, attempt, progress],
  );
  return rows.length === 1;
}

/** Locks the export row if `attempt` is still its running attempt; the lock lasts until the transaction ends. */
export async function lockCurrentAttempt(sql: Sql, id: string, attempt: number): Promise<boolean> {
  const rows = await sql.query(`SELECT 1 FROM export_jobs WHERE id = $1 AND attempt = $2 AND status = 'running' FOR UPDATE`, [id, attempt]);
  return rows.length === 1;
}

export interface ExportResult {
  rowCount: number;
  byteSize: number;
  sha256: string;
  storagePath: string;
}

export function succeedExportJob(
  sql: Sql,
  id: string,
  attempt: number,
  result: ExportResult,
  retentionHours: number,
): Promise<ExportJobRecord | null> {
  return one(
    sql,
    `WITH changed AS (
       UPDATE export_jobs SET status = 'succeeded', progress = 1, row_count = $3, byte_size = $4, sha256 = $5, storage_path = $6,
                              finished_at = now(), expires_at = now() + $7 * interval '1 hour'
        WHERE id = $1 AND attempt = $2 AND status = 'running'
       RETURNING *
     ) ${CHANGED}`,
    [id, attempt, result.rowCount, result.byteSize, result.sha256, result.storagePath, retentionHours],
  );
}

export function failExportJob(
  sql: Sql,
  id: string,
  attempt: number,
  code: ExportErrorCode,
  message: string,
): Promise<ExportJobRecord | null> {
  return one(
    sql,
    `WITH changed AS (
       UPDATE export_jobs SET status = 'failed', error_code = $3, error_message = $4, finished_at = now()
        WHERE id = $1 AND attempt = $2 AND status IN ('queued', 'running')
       RETURNING *
     ) ${CHANGED}`,
    [id, attempt, code, message],
  );
}

/** Puts an interrupted attempt back in line for a retry, if it is still the current one. */
export async function requeueExportJob(sql: Sql, id: string, attempt: number): Promise<void> {
  await sql.query(
    `WITH changed AS (UPDATE export_jobs SET status = 'queued', progress = 0 WHERE id = $1 AND attempt = $2 AND status = 'running' RETURNING account_id, id)
     SELECT 1 FROM changed c ${announce('c')}`,
    [id, attempt],
  );
}

/** Marks the account's files past their retention as EXPIRED and returns where they are. */
export async function expireExportJobs(sql: Sql): Promise<Array<{ id: string; storagePath: string | null }>> {
  return sql.query(
    `WITH changed AS (
       UPDATE export_jobs SET status = 'expired' WHERE status = 'succeeded' AND expires_at <= now() RETURNING account_id, id, storage_path
     ) SELECT c.id::text AS id, c.storage_path AS "storagePath" FROM changed c ${announce('c')}`,
  );
}

/** Status and attempt of the given exports of the bound account, for sweeping files. */
export async function exportStates(sql: Sql, ids: string[]): Promise<Map<string, { status: ExportStatus; attempt: number }>> {
  const rows: Array<{ id: string; status: ExportStatus; attempt: number }> = await sql.query(
    'SELECT id::text AS id, status, attempt FROM export_jobs WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((row) => [row.id, { status: row.status, attempt: row.attempt }]));
}
