import { Sql } from '../db/sql';
import { CURRENT_ACCOUNT } from '../../migrations/tenancy';
import { SCHEDULE_COLUMNS, ScheduleRecord } from './schedule';

/**
 * Every statement on `export_schedules`, each in a transaction bound to the account (Row Level
 * Security keeps accounts apart); updates go through a CTE so that TypeORM returns their rows. Deleted schedules stay as rows, so their runs keep naming them.
 */

/** The fields a create or an update sets. */
export type ScheduleFields = Omit<
  ScheduleRecord,
  'accountId' | 'id' | 'createdByKeyId' | 'paused' | 'activeSince' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'cursorTime'
>;

async function one(sql: Sql, text: string, values: unknown[]): Promise<ScheduleRecord | null> {
  const rows: ScheduleRecord[] = await sql.query(text, values);
  return rows[0] ?? null;
}

function fieldValues(fields: ScheduleFields): unknown[] {
  return [
    fields.name,
    fields.report,
    fields.window,
    fields.timeZone,
    JSON.stringify(fields.filter),
    fields.columns,
    fields.locale,
    fields.delimiter,
    fields.bom,
    fields.gzip,
    fields.cron,
    fields.webhookUrl,
    fields.sftp ? JSON.stringify(fields.sftp) : null,
  ];
}

export function insertSchedule(
  sql: Sql,
  id: string,
  keyId: string,
  fields: ScheduleFields,
  secret: string | null,
): Promise<ScheduleRecord | null> {
  return one(
    sql,
    `INSERT INTO export_schedules AS s (account_id, id, created_by_key_id, name, report, time_window, time_zone, filter, columns, locale,
                                     delimiter, bom, gzip, cron, webhook_url, sftp, sftp_secret)
     VALUES (${CURRENT_ACCOUNT}, $14, $15, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $16)
     RETURNING ${SCHEDULE_COLUMNS}`,
    [...fieldValues(fields), id, keyId, secret],
  );
}

/** A schedule that is not deleted; `lock` takes its row lock until the transaction ends. */
export function findSchedule(sql: Sql, id: string, lock = false): Promise<ScheduleRecord | null> {
  return one(
    sql,
    `SELECT ${SCHEDULE_COLUMNS} FROM export_schedules s WHERE s.id = $1 AND s.deleted_at IS NULL${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
}

/** Any schedule, deleted ones included (an export names the schedule that made it). */
export function findScheduleEvenDeleted(sql: Sql, id: string): Promise<ScheduleRecord | null> {
  return one(sql, `SELECT ${SCHEDULE_COLUMNS} FROM export_schedules s WHERE s.id = $1`, [id]);
}

export async function findScheduleSecret(sql: Sql, id: string): Promise<string | null> {
  const [row] = await sql.query('SELECT sftp_secret FROM export_schedules WHERE id = $1', [id]);
  return row?.sftp_secret ?? null;
}

/** Oldest first; keyset after (created_at in microseconds, id). */
export function listSchedules(sql: Sql, page: { after: { time: string; id: string } | null; limit: number }): Promise<ScheduleRecord[]> {
  const values: unknown[] = [];
  let after = '';
  if (page.after) {
    values.push(page.after.time, page.after.id);
    after = `AND (s.created_at, s.id) > ('epoch'::timestamptz + $1::bigint * interval '1 microsecond', $2::uuid)`;
  }
  values.push(page.limit);
  return sql.query(
    `SELECT ${SCHEDULE_COLUMNS} FROM export_schedules s WHERE s.deleted_at IS NULL ${after} ORDER BY s.created_at, s.id LIMIT $${values.length}`,
    values,
  );
}

export async function countSchedules(sql: Sql): Promise<number> {
  const [row] = await sql.query('SELECT count(*)::int AS count FROM export_schedules WHERE deleted_at IS NULL');
  return row.count;
}

/**
 * Replaces what a schedule exports and when. A new cron or zone restarts the slots from now, so
 * an update never makes a run for a slot of the old timing.
 */
export function updateSchedule(sql: Sql, id: string, fields: ScheduleFields, secret: string | null): Promise<ScheduleRecord | null> {
  return one(
    sql,
    `WITH changed AS (UPDATE export_schedules s SET name = $1, report = $2, time_window = $3, time_zone = $4, filter = $5, columns = $6, locale = $7,
            delimiter = $8, bom = $9, gzip = $10, cron = $11, webhook_url = $12, sftp = $13, sftp_secret = $15, updated_at = now(),
            active_since = CASE WHEN s.cron IS DISTINCT FROM $11 OR s.time_zone IS DISTINCT FROM $4 THEN now() ELSE s.active_since END
      WHERE s.id = $14 AND s.deleted_at IS NULL
     RETURNING s.*) SELECT ${SCHEDULE_COLUMNS} FROM changed s`,
    [...fieldValues(fields), id, secret],
  );
}

/** Resuming starts the slots from now: the slots missed while paused are not run. */
export function setPaused(sql: Sql, id: string, paused: boolean): Promise<ScheduleRecord | null> {
  return one(
    sql,
    `WITH changed AS (UPDATE export_schedules s SET paused = $2, updated_at = now(), active_since = CASE WHEN $2 THEN s.active_since ELSE now() END
      WHERE s.id = $1 AND s.deleted_at IS NULL AND s.paused <> $2
     RETURNING s.*) SELECT ${SCHEDULE_COLUMNS} FROM changed s`,
    [id, paused],
  );
}

/** Deleting forgets the SFTP secret at once. */
export function markDeleted(sql: Sql, id: string): Promise<ScheduleRecord | null> {
  return one(
    sql,
    `WITH changed AS (UPDATE export_schedules s SET deleted_at = now(), updated_at = now(), sftp_secret = NULL
      WHERE s.id = $1 AND s.deleted_at IS NULL
     RETURNING s.*) SELECT ${SCHEDULE_COLUMNS} FROM changed s`,
    [id],
  );
}
