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
  const [counts] = await sql.query(
    `SELECT count(*)::int AS received,
            count(*) FILTER (WHERE state = 'pending')::int AS pending,
            count(*) FILTER (WHERE state = 'waiting')::int AS waiting,
            count(*) FILTER (WHERE state = 'applied')::int AS applied,
            avg(extract(epoch FROM applied_at - received_at)) FILTER (WHERE applied_at > now() - ${LAG_WINDOW})::float8 AS "averageLagSeconds",
            max(extract(epoch FROM applied_at - received_at)) FILTER (WHERE applied_at > now() - ${LAG_WINDOW})::float8 AS "maxLagSeconds",
            extract(epoch FROM now() - min(received_at) FILTER (WHERE state IN ('pending', 'waiting')))::float8 AS "oldestUnappliedSeconds"
       FROM ingest_events`,
  );
  const [{ rejected }] = await sql.query(`SELECT count(*)::int AS rejected FROM ingest_rejections`);
  const latestRejections: IngestRejectionRecord[] = await sql.query(
    `SELECT source, event_id AS "eventId", batch_index AS "batchIndex", code, path, message, at
       FROM ingest_rejections ORDER BY at DESC, id DESC LIMIT $1`,
    [rejections],
  );
  return { ...counts, rejected, latestRejections };
}
