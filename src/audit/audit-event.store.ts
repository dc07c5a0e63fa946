import { Sql } from '../db/sql';
import { StoredFilter } from '../reports/stored-filter';
import { AuditAction } from './audit.enums';

export interface AuditEventRecord {
  id: string;
  action: AuditAction;
  at: Date;
  keyId: string | null;
  keyName: string | null;
  exportId: string | null;
  report: string | null;
  filter: StoredFilter | null;
  rowCount: number | null;
  clientIp: string | null;
  subjectKeyId: string | null;
  subjectKeyName: string | null;
  scheduleId: string | null;
  connectorId: string | null;
  cursorTime: string;
}

export interface AuditEventQuery {
  action: AuditAction | null;
  exportId: string | null;
  keyId: string | null;
}

export interface AuditEventPage extends AuditEventQuery {
  after: { time: string; id: string } | null;
  limit: number;
}

function conditions(query: AuditEventQuery, values: unknown[]): string[] {
  const where = ['true'];
  for (const [column, value] of [
    ['e.action', query.action],
    ['e.export_id', query.exportId],
    ['e.key_id', query.keyId],
  ] as const) {
    if (value === null) continue;
    values.push(value);
    where.push(`${column} = $${values.length}`);
  }
  return where;
}

/** Newest first; the bound account's events only (Row Level Security). */
export function listAuditEvents(sql: Sql, page: AuditEventPage): Promise<AuditEventRecord[]> {
  const values: unknown[] = [];
  const where = conditions(page, values);
  if (page.after) {
    values.push(page.after.time, page.after.id);
    where.push(
      `(e.at, e.id) < ('epoch'::timestamptz + $${values.length - 1}::bigint * interval '1 microsecond', $${values.length}::bigint)`,
    );
  }
  values.push(page.limit);
  return sql.query(
    `SELECT e.id::text AS id, e.action, e.at, e.key_id::text AS "keyId", k.name AS "keyName", e.export_id::text AS "exportId", e.report,
            e.filter, e.row_count AS "rowCount", host(e.client_ip) AS "clientIp",
            e.subject_key_id::text AS "subjectKeyId", sk.name AS "subjectKeyName", e.schedule_id::text AS "scheduleId",
            e.connector_id::text AS "connectorId", (extract(epoch FROM e.at) * 1000000)::bigint::text AS "cursorTime"
       FROM audit_events e
       LEFT JOIN api_keys k ON k.account_id = e.account_id AND k.id = e.key_id
       LEFT JOIN api_keys sk ON sk.account_id = e.account_id AND sk.id = e.subject_key_id
      WHERE ${where.join(' AND ')}
      ORDER BY e.at DESC, e.id DESC
      LIMIT $${values.length}`,
    values,
  );
}

export async function countAuditEvents(sql: Sql, query: AuditEventQuery): Promise<number> {
  const values: unknown[] = [];
  const [row] = await sql.query(
    `SELECT count(*)::int AS count FROM audit_events e WHERE ${conditions(query, values).join(' AND ')}`,
    values,
  );
  return row.count;
}
