import { AuditAction } from '../audit/audit.enums';
import { recordAuditEvent } from '../audit/audit-log';
import { IngestConfig } from '../config';
import { Sql } from '../db/sql';
import { CURRENT_ACCOUNT } from '../../migrations/tenancy';
import type { EventRejection } from './errors';
import { BATCH_RECHECK_SECONDS, enqueueApply, enqueueRecheck } from './queue';
import type { ValidEvent } from './validate';

/** The answer to a batch: what was stored, what was already there, what was refused and why. */
export interface BatchReceipt {
  accepted: number;
  duplicates: number;
  rejected: EventRejection[];
}

export interface ReceivedBatch {
  /** The id space of the sender: `api` for the generic API, the connector otherwise. */
  source: string;
  /** The ingest key that sent it; null for a connector's delivery. */
  keyId: string | null;
  /** The connector whose delivery it was, for the audit trail. */
  connectorId?: string;
  clientIp: string | null;
  events: ValidEvent[];
  rejected: EventRejection[];
}

/**
 * Stores a validated batch in the caller's transaction, which is bound to the account: the events
 * (an id already in the log is a duplicate and is not stored again), the rejections, the job that
 * applies them and the audit entry all exist once that transaction commits, and not before.
 */
/**
 * Appends valid events to the log of the account the caller's transaction is bound to; an id
 * already in the log (or earlier in `events`) is not stored again. Returns how many were stored.
 * The caller asks for their application (see storeBatch) or applies them itself.
 */
export async function appendEvents(sql: Sql, source: string, events: readonly ValidEvent[]): Promise<number> {
  const seen = new Set<string>();
  const fresh = events.filter((event) => !seen.has(event.id) && seen.add(event.id));
  if (fresh.length === 0) return 0;
  const rows = fresh.map((e) => ({
    event_id: e.id,
    type: e.type,
    occurred_at: e.occurredAt,
    subject: e.subject,
    conversation: e.conversation,
    data: e.data,
  }));
  // Each stored event starts pending; the applier deletes that state row when it applies the event. The count of what
  // was stored goes beside it, so the status reads how many were received without counting the log.
  const [{ stored }] = await sql.query(
    `WITH stored AS (
       INSERT INTO ingest_events (account_id, source, event_id, type, occurred_at, subject, conversation, data)
       SELECT ${CURRENT_ACCOUNT}, $1, e.event_id, e.type, e.occurred_at, e.subject, e.conversation, e.data
         FROM jsonb_to_recordset($2::jsonb) AS e(event_id text, type text, occurred_at timestamptz, subject text, conversation text, data jsonb)
       ON CONFLICT (account_id, source, event_id) DO NOTHING
       RETURNING account_id, seq, received_at),
     states AS (INSERT INTO ingest_event_states (account_id, seq, received_at) SELECT account_id, seq, received_at FROM stored RETURNING 1),
     counted AS (INSERT INTO ingest_received_counts (account_id, received)
                 SELECT ${CURRENT_ACCOUNT}, count(*) FROM states HAVING count(*) > 0 RETURNING received)
     SELECT coalesce((SELECT received FROM counted), 0)::int AS stored`,
    [source, JSON.stringify(rows)],
  );
  return stored;
}

export async function storeBatch(sql: Sql, batch: ReceivedBatch, config: IngestConfig): Promise<BatchReceipt> {
  const accepted = await appendEvents(sql, batch.source, batch.events);
  if (batch.rejected.length > 0) {
    await sql.query(
      `INSERT INTO ingest_rejections (account_id, source, event_id, batch_index, code, path, message)
       SELECT ${CURRENT_ACCOUNT}, $1, r.id, r.index, r.code, r.path, r.message
         FROM jsonb_to_recordset($2::jsonb) AS r(id text, index integer, code text, path text, message text)`,
      [batch.source, JSON.stringify(batch.rejected)],
    );
  }
  if (accepted > 0) {
    const [{ account }] = await sql.query(`SELECT ${CURRENT_ACCOUNT}::text AS account`);
    await enqueueApply(sql, account, config);
    await enqueueRecheck(sql, account, BATCH_RECHECK_SECONDS);
  }
  await recordAuditEvent(sql, {
    action: AuditAction.INGEST_BATCH_RECEIVED,
    keyId: batch.keyId,
    ...(batch.connectorId ? { connectorId: batch.connectorId } : {}),
    rowCount: accepted,
    clientIp: batch.clientIp,
  });
  return { accepted, duplicates: batch.events.length - accepted, rejected: batch.rejected };
}
