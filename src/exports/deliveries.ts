import { Sql } from '../db/sql';

/** How one way of delivering a finished export went; stored in `export_deliveries`, one row per export and kind. */
export type DeliveryKind = 'sftp' | 'webhook';
export type DeliveryStatus = 'pending' | 'delivered' | 'retrying' | 'failed';

export interface DeliveryRecord {
  kind: DeliveryKind;
  status: DeliveryStatus;
  attempts: number;
  maxAttempts: number;
  target: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  updatedAt: Date;
  deliveredAt: Date | null;
}

/** Creates the export's deliveries as PENDING, in the transaction that makes the export. */
export async function addDeliveries(
  sql: Sql,
  exportId: string,
  deliveries: Array<{ kind: DeliveryKind; maxAttempts: number }>,
): Promise<void> {
  for (const delivery of deliveries) {
    await sql.query(
      `INSERT INTO export_deliveries (account_id, export_id, kind, max_attempts)
       VALUES (NULLIF(current_setting('app.account_id', true), '')::bigint, $1, $2, $3) ON CONFLICT DO NOTHING`,
      [exportId, delivery.kind, delivery.maxAttempts],
    );
  }
}

export function listDeliveries(sql: Sql, exportId: string): Promise<DeliveryRecord[]> {
  return sql.query(
    `SELECT kind, status, attempts, max_attempts AS "maxAttempts", target, error_code AS "errorCode", error_message AS "errorMessage",
            updated_at AS "updatedAt", delivered_at AS "deliveredAt"
       FROM export_deliveries WHERE export_id = $1 ORDER BY kind`,
    [exportId],
  );
}

export type DeliveryAttemptOutcome =
  { ok: true; target: string } | { ok: false; target: string | null; code: string; message: string; final?: boolean };

/**
 * Records one attempt's outcome. A failed attempt is RETRYING while attempts remain, FAILED after
 * the last, or at once when `final` (a retry could not help). Nothing happens to an export that
 * has no such delivery (e.g. a webhook of an export asked for by hand).
 */
export async function recordDeliveryAttempt(
  sql: Sql,
  exportId: string,
  kind: DeliveryKind,
  outcome: DeliveryAttemptOutcome,
): Promise<void> {
  if (outcome.ok) {
    await sql.query(
      `UPDATE export_deliveries SET status = 'delivered', attempts = attempts + 1, target = $3, error_code = NULL, error_message = NULL,
              updated_at = now(), delivered_at = now()
        WHERE export_id = $1 AND kind = $2`,
      [exportId, kind, outcome.target],
    );
    return;
  }
  await sql.query(
    `UPDATE export_deliveries SET attempts = attempts + 1, target = coalesce($3, target), error_code = $4, error_message = $5, updated_at = now(),
            status = CASE WHEN $6 OR attempts + 1 >= max_attempts THEN 'failed' ELSE 'retrying' END
      WHERE export_id = $1 AND kind = $2`,
    [exportId, kind, outcome.target, outcome.code, outcome.message, outcome.final === true],
  );
}
