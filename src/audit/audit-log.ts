import { Sql } from '../db/sql';
import { AuditAction } from './audit.enums';
import { CURRENT_ACCOUNT } from '../../migrations/tenancy';

export type AuditEventInput =
  ExportEventInput | PullEventInput | KeyEventInput | IngestEventInput | ScheduleEventInput | ConnectorEventInput;

export type ExportAction = Exclude<
  AuditAction,
  | KeyEventInput['action']
  | PullEventInput['action']
  | IngestEventInput['action']
  | ScheduleEventInput['action']
  | ConnectorEventInput['action']
>;

export interface ExportEventInput {
  action: ExportAction;
  /** The API key that acted (for worker-side events: the key that requested the export). */
  keyId: string;
  exportId: string;
  report: string;
  filter: unknown;
  rowCount: number | null;
  clientIp: string | null;
}

/** A report read through the pull endpoint: no export, but the same report and filter as one would have. */
export interface PullEventInput {
  action: AuditAction.REPORT_PULLED;
  keyId: string;
  report: string;
  filter: unknown;
  clientIp: string | null;
}

export interface KeyEventInput {
  action: AuditAction.API_KEY_CREATED | AuditAction.API_KEY_REVOKED;
  /** The admin key that acted; null for the command line. */
  keyId: string | null;
  /** The key created or revoked. */
  subjectKeyId: string;
  clientIp: string | null;
}

export interface IngestEventInput {
  action: AuditAction.INGEST_BATCH_RECEIVED;
  /** The ingest key that sent the batch; null for a connector's delivery. */
  keyId: string | null;
  /** The connector whose delivery it was. */
  connectorId?: string;
  /** Events of the batch stored in the log (duplicates and rejections excluded). */
  rowCount: number;
  clientIp: string | null;
}

/** A change to a scheduled export, or a run of it asked for by hand. */
export interface ScheduleEventInput {
  action:
    | AuditAction.SCHEDULE_CREATED
    | AuditAction.SCHEDULE_UPDATED
    | AuditAction.SCHEDULE_PAUSED
    | AuditAction.SCHEDULE_RESUMED
    | AuditAction.SCHEDULE_DELETED
    | AuditAction.SCHEDULE_RUN_REQUESTED;
  /** The admin key that acted. */
  keyId: string;
  scheduleId: string;
  /** The schedule's report. */
  scheduleReport: string;
  /** For SCHEDULE_RUN_REQUESTED: the export the run made. */
  runExportId?: string;
  clientIp: string | null;
}

/** A connector created, given a new token or deleted by an admin (keyId null: the command line), or a delivery refused. */
export interface ConnectorEventInput {
  action:
    | AuditAction.CONNECTOR_CREATED
    | AuditAction.CONNECTOR_TOKEN_ROTATED
    | AuditAction.CONNECTOR_DELETED
    | AuditAction.CONNECTOR_DELIVERY_REFUSED;
  keyId: string | null;
  connectorId: string;
  clientIp: string | null;
}

/**
 * Appends one event in the caller's transaction, which is bound to the account: the event exists
 * exactly when the action it records does. The runtime role may insert and read events, never
 * change or delete them.
 */
export async function recordAuditEvent(sql: Sql, event: AuditEventInput): Promise<void> {
  const exported = 'exportId' in event ? event : null;
  const read = 'report' in event ? event : null;
  const schedule = 'scheduleId' in event ? event : null;
  await sql.query(
    `INSERT INTO audit_events (account_id, key_id, action, export_id, report, filter, row_count, client_ip, subject_key_id, schedule_id,
                               connector_id)
     VALUES (${CURRENT_ACCOUNT}, $1, $2, $3, $4, $5, $6, $7::inet, $8, $9, $10)`,
    [
      event.keyId,
      event.action,
      exported?.exportId ?? schedule?.runExportId ?? null,
      read?.report ?? schedule?.scheduleReport ?? null,
      read ? JSON.stringify(read.filter) : null,
      exported?.rowCount ?? ('rowCount' in event ? event.rowCount : null),
      event.clientIp,
      'subjectKeyId' in event ? event.subjectKeyId : null,
      schedule?.scheduleId ?? null,
      'connectorId' in event ? (event.connectorId ?? null) : null,
    ],
  );
}
