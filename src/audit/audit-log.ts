import { Sql } from '../db/sql';
import { AuditAction } from './audit.enums';

export interface AuditEventInput {
  action: AuditAction;
  /** The API key that acted (for worker-side events: the key that requested the export). */
  keyId: string;
  exportId: string;
  report: string;
  filter: unknown;
  rowCount: number | null;
  clientIp: string | null;
}

/**
 * Appends one event in the caller's transaction, which is bound to the account: the event exists
 * exactly when the action it records does. The runtime role may insert and read events, never
 * change or delete them.
 */
export async function recordAuditEvent(sql: Sql, event: AuditEventInput): Promise<void> {
  await sql.query(
    `INSERT INTO audit_events (account_id, key_id, action, export_id, report, filter, row_count, client_ip)
     VALUES (NULLIF(current_setting('app.account_id', true), '')::bigint, $1, $2, $3, $4, $5, $6, $7::inet)`,
    [event.keyId, event.action, event.exportId, event.report, JSON.stringify(event.filter), event.rowCount, event.clientIp],
  );
}
