import { Locale } from '../entities/enums/account.enums';
import { StoredFilter } from '../reports/stored-filter';
import { CsvDelimiter, ExportErrorCode, ExportStatus } from './export.enums';

/** One row of `export_jobs`, with the requesting key's name. */
export interface ExportJobRecord {
  accountId: string;
  id: string;
  requestedByKeyId: string;
  requestedByName: string;
  report: string;
  filter: StoredFilter;
  columns: string[];
  locale: Locale;
  delimiter: CsvDelimiter;
  bom: boolean;
  gzip: boolean;
  status: ExportStatus;
  progress: number;
  rowCount: number | null;
  byteSize: number | null;
  sha256: string | null;
  fileName: string;
  storagePath: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  expiresAt: Date | null;
  errorCode: ExportErrorCode | null;
  errorMessage: string | null;
  attempt: number;
  idempotencyKey: string | null;
  notifyUrl: string | null;
  /** The schedule that made this export, if one did. */
  scheduleId: string | null;
  /** The cron slot of a scheduled run; null for exports asked for by hand (runExportScheduleNow included). */
  scheduleSlot: Date | null;
  /** Keyset position for paging: microseconds since the epoch of created_at, exact as text. */
  cursorTime: string;
}

/** The select list that yields an ExportJobRecord from `export_jobs j` joined to `api_keys k`. */
export const EXPORT_JOB_COLUMNS = `
  j.account_id::text AS "accountId", j.id::text AS id, j.requested_by_key_id::text AS "requestedByKeyId", k.name AS "requestedByName",
  j.report, j.filter, j.columns, j.locale, j.delimiter, j.bom, j.gzip, j.status, j.progress::float8 AS progress,
  j.row_count AS "rowCount", j.byte_size::float8 AS "byteSize", j.sha256, j.file_name AS "fileName", j.storage_path AS "storagePath",
  j.created_at AS "createdAt", j.started_at AS "startedAt", j.finished_at AS "finishedAt", j.expires_at AS "expiresAt",
  j.error_code AS "errorCode", j.error_message AS "errorMessage", j.attempt, j.idempotency_key AS "idempotencyKey",
  j.notify_url AS "notifyUrl", j.schedule_id::text AS "scheduleId", j.schedule_slot AS "scheduleSlot", (extract(epoch FROM j.created_at) * 1000000)::bigint::text AS "cursorTime"`;

export const EXPORT_JOB_FROM = `export_jobs j JOIN api_keys k ON k.account_id = j.account_id AND k.id = j.requested_by_key_id`;
