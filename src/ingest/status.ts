import { Sql } from '../db/sql';

export interface IngestRejectionRecord {
  source: string;
  eventId: string | null;
  batchIndex: number | null;
  code: string;
  path: string;
  message: string;
  at: Date;
}

export interface IngestionStatusRecord {
  received: number;
  pending: number;
  waiting: number;
  applied: number;
  rejected: number;
  averageLagSeconds: number | null;
  maxLagSeconds: number | null;
  oldestUnappliedSeconds: number | null;
  latestRejections: IngestRejectionRecord[];
}

/** How far behind the applier is over this window of recently applied events. */
const LAG_WINDOW = `interval '1 hour'`;

/** The account's ingestion figures, read in the caller's account-bound transaction. */
export async function ingestionStatus(sql: Sql, rejections: number): Promise<IngestionStatusRecord> {
  // Nothing here reads the log: received comes from the batches' counts, states and lags from their own narrow tables.
  const [counts] = await sql.query(
    `SELECT n.received, s.pending, s.waiting, n.received - s.pending - s.waiting - s.rejected AS applied,
            r."averageLagSeconds", r."maxLagSeconds", s."oldestUnappliedSeconds"
       FROM (SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending,
                    count(*) FILTER (WHERE state = 'waiting')::int AS waiting,
                    count(*) FILTER (WHERE state = 'rejected')::int AS rejected,
                    extract(epoch FROM now() - min(received_at) FILTER (WHERE state IN ('pending', 'waiting')))::float8 AS "oldestUnappliedSeconds"
               FROM ingest_event_states) s,
            (SELECT (sum(lag_seconds_sum) / nullif(sum(applied), 0))::float8 AS "averageLagSeconds", max(lag_seconds_max)::float8 AS "maxLagSeconds"
               FROM ingest_apply_rounds WHERE at > now() - ${LAG_WINDOW}) r,
            (SELECT coalesce(sum(received), 0)::int AS received FROM ingest_received_counts) n`,
  );
  const [{ rejected }] = await sql.query(`SELECT count(*)::int AS rejected FROM ingest_rejections`);
  const latestRejections: IngestRejectionRecord[] = await sql.query(
    `SELECT source, event_id AS "eventId", batch_index AS "batchIndex", code, path, message, at
       FROM ingest_rejections ORDER BY at DESC, id DESC LIMIT $1`,
    [rejections],
  );
  return { ...counts, rejected, latestRejections };
}
