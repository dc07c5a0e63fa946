import { Sql } from '../../db/sql';
import { EVENT_DEFINITIONS } from '../events/catalog';
import type { EventDefinition } from '../events/definition';

/**
 * The events one applier transaction works on, copied into a temporary table that lives until
 * the transaction ends. `ok` is set per stage: true once every reference of the event resolves
 * (the event is then marked applied and the tables it feeds are recomputed), false while one is
 * unknown (`waiting_for` names it) or when it is refused (`reject_code`).
 */
export const BATCH_TABLE = 'ingest_batch';

/** How many pending and waiting events a round takes, the oldest first. */
export interface BatchSize {
  pending: number;
  waiting: number;
}

export async function loadBatch(sql: Sql, accountId: string, size: BatchSize): Promise<number> {
  // Pending events in log order, and as many waiting ones: a long wait list never starves new events.
  await sql.query(
    `CREATE TEMP TABLE ${BATCH_TABLE} ON COMMIT DROP AS
     SELECT seq, source, event_id, type, occurred_at, received_at, subject, conversation, data,
            NULL::boolean AS ok, NULL::text AS waiting_for, NULL::text AS reject_code, NULL::text AS reject_message
       FROM ((SELECT * FROM ingest_events WHERE account_id = $1 AND state = 'pending' ORDER BY seq LIMIT $2)
             UNION ALL
             (SELECT * FROM ingest_events WHERE account_id = $1 AND state = 'waiting' ORDER BY seq LIMIT $3)) e`,
    [accountId, size.pending, size.waiting],
  );
  await sql.query(`CREATE INDEX ON ${BATCH_TABLE} (type, ok)`);
  await sql.query(`ANALYZE ${BATCH_TABLE}`);
  const [{ count }] = await sql.query(`SELECT count(*)::int AS count FROM ${BATCH_TABLE}`);
  return count;
}

/** SQL naming the first reference of an event of this type that does not resolve, or NULL. */
function missingReference(definition: EventDefinition): string {
  const checks = Object.entries(definition.refs).map(
    ([field, table]) =>
      `WHEN b.data->>'${field}' IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.account_id = $1 AND t.source = b.source AND t.external_id = b.data->>'${field}')
         THEN '${field} ' || (b.data->>'${field}')`,
  );
  return checks.length === 0 ? 'NULL' : `CASE ${checks.join(' ')} END`;
}

export function definitionsOfStage(stage: number): EventDefinition[] {
  return EVENT_DEFINITIONS.filter((definition) => definition.stage === stage);
}

export const STAGES = [...new Set(EVENT_DEFINITIONS.map((definition) => definition.stage))].sort((a, b) => a - b);

/**
 * Decides, for the stage's events of the batch, whether their references resolve now; then marks
 * those that do applied in the log. Returns the number applied.
 */
export async function resolveStage(sql: Sql, accountId: string, stage: number): Promise<void> {
  const definitions = definitionsOfStage(stage);
  const cases = definitions.map((definition) => `WHEN '${definition.type}' THEN ${missingReference(definition)}`).join('\n');
  await sql.query(
    `UPDATE ${BATCH_TABLE} b SET waiting_for = CASE b.type ${cases} END
      WHERE b.type = ANY($2) AND $1::bigint IS NOT NULL`,
    [accountId, definitions.map((definition) => definition.type)],
  );
  await sql.query(`UPDATE ${BATCH_TABLE} SET ok = (waiting_for IS NULL) WHERE type = ANY($1) AND reject_code IS NULL`, [
    definitions.map((definition) => definition.type),
  ]);
}

/** Marks the stage's resolved events applied: the rows they feed are recomputed from the log next, in the same transaction. */
export async function markApplied(sql: Sql, accountId: string, types: string[]): Promise<void> {
  await sql.query(
    `UPDATE ingest_events l SET state = 'applied', applied_at = now(), waiting_for = NULL
       FROM ${BATCH_TABLE} b
      WHERE l.account_id = $1 AND l.seq = b.seq AND b.ok AND b.type = ANY($2)`,
    [accountId, types],
  );
}

export interface RoundOutcome {
  taken: number;
  applied: number;
  waiting: number;
  rejected: number;
}

/**
 * Ends the round: events still unresolved wait (or, past the timeout, are rejected with
 * UNRESOLVED_REFERENCE), refused ones are rejected, and every rejection is listed for the sender.
 */
export async function settleBatch(sql: Sql, accountId: string, waitTimeoutSeconds: number): Promise<RoundOutcome> {
  await sql.query(
    `UPDATE ${BATCH_TABLE} SET reject_code = 'UNRESOLVED_REFERENCE',
            reject_message = 'Still unknown after ' || $1::int || ' s: ' || waiting_for || '.'
      WHERE NOT ok AND reject_code IS NULL AND received_at < now() - make_interval(secs => $1::int)`,
    [waitTimeoutSeconds],
  );
  await sql.query(
    `UPDATE ingest_events l SET state = CASE WHEN b.reject_code IS NULL THEN 'waiting' ELSE 'rejected' END, waiting_for = b.waiting_for
       FROM ${BATCH_TABLE} b
      WHERE l.account_id = $1 AND l.seq = b.seq AND NOT b.ok`,
    [accountId],
  );
  await sql.query(
    `INSERT INTO ingest_rejections (account_id, source, event_id, log_seq, code, path, message)
     SELECT $1, b.source, b.event_id, b.seq, b.reject_code, '$.data', b.reject_message
       FROM ${BATCH_TABLE} b WHERE b.reject_code IS NOT NULL`,
    [accountId],
  );
  const [outcome] = await sql.query(
    `SELECT count(*)::int AS taken, count(*) FILTER (WHERE ok)::int AS applied,
            count(*) FILTER (WHERE NOT ok AND reject_code IS NULL)::int AS waiting,
            count(*) FILTER (WHERE reject_code IS NOT NULL)::int AS rejected
       FROM ${BATCH_TABLE}`,
  );
  return outcome;
}

/** Waiting events not in this round's batch that are past the timeout (the batch takes a bounded share of them). */
export async function expireStaleWaiting(sql: Sql, accountId: string, waitTimeoutSeconds: number): Promise<number> {
  const rows: unknown[] = await sql.query(
    `WITH expired AS (
       UPDATE ingest_events SET state = 'rejected'
        WHERE account_id = $1 AND state = 'waiting' AND received_at < now() - make_interval(secs => $2::int)
        RETURNING seq, source, event_id, waiting_for)
     INSERT INTO ingest_rejections (account_id, source, event_id, log_seq, code, path, message)
     SELECT $1, source, event_id, seq, 'UNRESOLVED_REFERENCE', '$.data', 'Still unknown after ' || $2::int || ' s: ' || waiting_for || '.'
       FROM expired
     RETURNING 1`,
    [accountId, waitTimeoutSeconds],
  );
  return rows.length;
}
