import crypto from 'node:crypto';
import { AuditAction } from '../audit/audit.enums';
import { ScheduleEventInput, recordAuditEvent } from '../audit/audit-log';
import { AuthenticatedKey } from '../auth/api-keys';
import { forbidden, notFound } from '../errors';
import { ExportJobRecord } from '../exports/export-job';
import { ExportCaller } from '../exports/export-requests';
import { ExportServices } from '../exports/services';
import { ensureWebhookSecret } from '../exports/webhook-secret';
import { enqueueScheduleSync } from './queue';
import { ScheduleRecord } from './schedule';
import { ScheduleInput, checkSchedule, parseScheduleId } from './schedule-input';
import { makeScheduleRun } from './schedule-runs';
import { findSchedule, findScheduleSecret, insertSchedule, markDeleted, setPaused, updateSchedule } from './schedule.store';
import { encryptSecret } from './secrets';
import { badUserInput } from '../errors';

/** Schedules export in the account's name without a person present: only admin keys that may write manage them. */
export function assertMayManageSchedules(key: AuthenticatedKey): void {
  if (key.role !== 'admin') throw forbidden('Only admin keys can manage scheduled exports.');
  if (key.readOnly) throw forbidden('This API key is read-only: it cannot manage scheduled exports.');
}

async function audit(
  caller: ExportCaller,
  action: ScheduleEventInput['action'],
  schedule: ScheduleRecord,
  runExportId?: string,
): Promise<void> {
  await recordAuditEvent(caller.manager, {
    action,
    keyId: caller.key.id,
    scheduleId: schedule.id,
    scheduleReport: schedule.report,
    runExportId,
    clientIp: caller.clientIp,
  });
}

/** Every change is followed, in its transaction, by a sync of pg-boss's cron and by its audit event. */
async function changed(caller: ExportCaller, action: ScheduleEventInput['action'], schedule: ScheduleRecord): Promise<ScheduleRecord> {
  await enqueueScheduleSync(caller.manager, { accountId: schedule.accountId, scheduleId: schedule.id });
  await audit(caller, action, schedule);
  return schedule;
}

export async function findVisibleSchedule(
  caller: Pick<ExportCaller, 'key' | 'manager'>,
  id: string,
  lock = false,
): Promise<ScheduleRecord> {
  assertMayManageSchedules(caller.key);
  const schedule = await findSchedule(caller.manager, parseScheduleId(id), lock);
  if (!schedule) throw notFound(`No export schedule with id ${id}.`);
  return schedule;
}

export async function createSchedule(caller: ExportCaller, services: ExportServices, input: ScheduleInput): Promise<ScheduleRecord> {
  assertMayManageSchedules(caller.key);
  const { fields, secret } = await checkSchedule(caller.manager, services, input);
  if (fields.sftp && !secret) throw badUserInput('An SFTP delivery needs privateKey or password.', 'input.delivery.sftp');
  const id = crypto.randomUUID();
  const sealed = secret ? encryptSecret(services.schedules, { accountId: caller.key.accountId, scheduleId: id }, secret) : null;
  if (fields.webhookUrl) await ensureWebhookSecret(caller.manager);
  const schedule = (await insertSchedule(caller.manager, id, caller.key.id, fields, sealed)) as ScheduleRecord;
  return changed(caller, AuditAction.SCHEDULE_CREATED, schedule);
}

/**
 * Replaces a schedule's settings. An SFTP delivery given without privateKey or password keeps the
 * stored secret (it is never sent back to be re-entered); dropping SFTP forgets it.
 */
export async function changeSchedule(
  caller: ExportCaller,
  services: ExportServices,
  id: string,
  input: ScheduleInput,
): Promise<ScheduleRecord> {
  const existing = await findVisibleSchedule(caller, id, true);
  const { fields, secret } = await checkSchedule(caller.manager, services, input);
  let sealed: string | null = null;
  if (fields.sftp && secret) {
    sealed = encryptSecret(services.schedules, { accountId: existing.accountId, scheduleId: existing.id }, secret);
  } else if (fields.sftp) {
    sealed = await findScheduleSecret(caller.manager, existing.id);
    if (!sealed || !existing.sftp) throw badUserInput('An SFTP delivery needs privateKey or password.', 'input.delivery.sftp');
    fields.sftp = { ...fields.sftp, authentication: existing.sftp.authentication };
  }
  if (fields.webhookUrl) await ensureWebhookSecret(caller.manager);
  const schedule = (await updateSchedule(caller.manager, existing.id, fields, sealed)) as ScheduleRecord;
  return changed(caller, AuditAction.SCHEDULE_UPDATED, schedule);
}

/** Pausing twice (or resuming a running schedule) changes nothing and records nothing. */
export async function pauseSchedule(caller: ExportCaller, id: string, paused: boolean): Promise<ScheduleRecord> {
  const existing = await findVisibleSchedule(caller, id, true);
  const schedule = await setPaused(caller.manager, existing.id, paused);
  if (!schedule) return existing;
  return changed(caller, paused ? AuditAction.SCHEDULE_PAUSED : AuditAction.SCHEDULE_RESUMED, schedule);
}

export async function deleteSchedule(caller: ExportCaller, id: string): Promise<ScheduleRecord> {
  const existing = await findVisibleSchedule(caller, id, true);
  const schedule = (await markDeleted(caller.manager, existing.id)) as ScheduleRecord;
  return changed(caller, AuditAction.SCHEDULE_DELETED, schedule);
}

/** A run now, of the window the present instant falls in, paused schedules included; it is not a cron slot, so it never stands in for one. */
export async function runScheduleNow(caller: ExportCaller, services: ExportServices, id: string): Promise<ExportJobRecord> {
  const schedule = await findVisibleSchedule(caller, id);
  const job = await makeScheduleRun(caller, services, schedule, new Date(), null);
  await audit(caller, AuditAction.SCHEDULE_RUN_REQUESTED, schedule, job.id);
  return job;
}
