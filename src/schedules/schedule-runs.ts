import { AuthenticatedKey } from '../auth/api-keys';
import { Sql } from '../db/sql';
import { addDeliveries } from '../exports/deliveries';
import { ExportJobRecord } from '../exports/export-job';
import { ExportCaller, requestExport } from '../exports/export-requests';
import { ExportServices } from '../exports/services';
import { ScheduleRecord } from './schedule';
import { windowRange } from './windows';

/**
 * Makes one run of a schedule: an ordinary export of the window that `at` falls in, through the
 * same request path as `exportReport` (validation, queue, audit), with its deliveries PENDING. A
 * cron slot's run carries an idempotency key made of the schedule and the slot, so however many
 * workers fire or catch up a slot, it makes one export.
 */
export async function makeScheduleRun(
  caller: ExportCaller,
  services: ExportServices,
  schedule: ScheduleRecord,
  at: Date,
  slot: Date | null,
): Promise<ExportJobRecord> {
  const window = windowRange(schedule.window, at, schedule.timeZone);
  const job = await requestExport(
    caller,
    services,
    {
      report: schedule.report,
      filter: {
        ...schedule.filter,
        from: { text: window.from.toISOString(), hasOffset: true },
        to: { text: window.to.toISOString(), hasOffset: true },
        timeZone: schedule.timeZone,
      },
      columns: schedule.columns,
      locale: schedule.locale,
      delimiter: schedule.delimiter,
      bom: schedule.bom,
      gzip: schedule.gzip,
      idempotencyKey: slot ? `schedule:${schedule.id}:${slot.toISOString()}` : null,
      notifyUrl: schedule.webhookUrl,
    },
    { scheduleId: schedule.id, slot },
  );
  await addDeliveries(caller.manager, job.id, [
    ...(schedule.sftp ? [{ kind: 'sftp' as const, maxAttempts: services.schedules.sftpAttempts }] : []),
    ...(schedule.webhookUrl ? [{ kind: 'webhook' as const, maxAttempts: services.config.webhookAttempts }] : []),
  ]);
  return job;
}

/** The key a scheduled run acts as: the admin key that created the schedule. */
export async function scheduleOwnerKey(sql: Sql, schedule: ScheduleRecord): Promise<AuthenticatedKey | null> {
  const [row] = await sql.query(
    `SELECT id::text AS id, account_id::text AS "accountId", role, read_only AS "readOnly" FROM api_keys WHERE id = $1 AND revoked_at IS NULL`,
    [schedule.createdByKeyId],
  );
  return row ?? null;
}
