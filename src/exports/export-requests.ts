import { EntityManager } from 'typeorm';
import { AuditAction } from '../audit/audit.enums';
import { recordAuditEvent } from '../audit/audit-log';
import { AuthenticatedKey } from '../auth/api-keys';
import { catalog } from '../catalog';
import { exportFileName } from '../catalog/naming';
import { ReportDefinition } from '../catalog/types';
import { Locale } from '../entities/enums/account.enums';
import { badUserInput, exportQueueFull, forbidden, notFound } from '../errors';
import { ReportFilter, resolveReportFilter } from '../reports/filter';
import { ExportJobRecord } from './export-job';
import { storeFilter } from '../reports/stored-filter';
import { CsvDelimiter } from './export.enums';
import { cancelExportJob, findExportJob, findExportJobByIdempotencyKey, insertExportJob } from './export-job.store';
import { enqueueExport, enqueueNotification } from './queue';
import { ExportServices, canSeeExport } from './services';
import { checkWebhookUrl } from './webhook-address';
import { ensureWebhookSecret } from './webhook-secret';

/** Who asks, inside which request transaction (bound to the key's account). */
export interface ExportCaller {
  key: AuthenticatedKey;
  manager: EntityManager;
  clientIp: string | null;
}

export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
export const MAX_NOTIFY_URL_LENGTH = 2048;

/** What an export request asks for (see the ExportReportInput of the schema for each field's meaning). */
export interface ExportRequest {
  report: string;
  filter: ReportFilter;
  columns?: string[] | null;
  locale?: Locale | null;
  delimiter: CsvDelimiter;
  bom: boolean;
  gzip: boolean;
  idempotencyKey?: string | null;
  notifyUrl?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseExportId(id: string, field = 'id'): string {
  if (!UUID.test(id)) throw badUserInput(`\`${field}\` is not an export id (a UUID).`, field);
  return id.toLowerCase();
}

function assertMayExport(key: AuthenticatedKey): void {
  if (key.readOnly) throw forbidden('This API key is read-only: it cannot export or cancel exports.');
}

function reportOf(key: string): ReportDefinition {
  const report = catalog.find((r) => r.key === key);
  if (!report) throw badUserInput(`Unknown report ${key}.`, 'input.report');
  return report;
}

/** The requested columns in their order (all of them when none are named); `field` names the argument in errors. */
export function checkColumns(report: ReportDefinition, columns: string[] | null | undefined, field = 'input.columns'): string[] {
  if (columns === null || columns === undefined) return report.columns.map((c) => c.field);
  if (columns.length === 0) throw badUserInput('columns must name at least one column; leave it out to export all.', field);
  const known = new Set(report.columns.map((c) => c.field));
  const unknown = columns.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw badUserInput(`Unknown columns for the ${report.key} report: ${unknown.join(', ')} (reportCatalog lists them).`, field);
  }
  const repeated = columns.filter((name, index) => columns.indexOf(name) !== index);
  if (repeated.length > 0) throw badUserInput(`columns names ${[...new Set(repeated)].join(', ')} more than once.`, field);
  return columns;
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((character) => character.charCodeAt(0) < 0x20);
}

function checkIdempotencyKey(key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  // PostgreSQL text cannot hold NUL, and a key is an identifier, not free text.
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || hasControlCharacter(key)) {
    throw badUserInput(
      `idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long, without control characters.`,
      'input.idempotencyKey',
    );
  }
  return key;
}

function checkNotifyUrl(url: string | null | undefined, allowPrivate: boolean): string | null {
  if (url === null || url === undefined) return null;
  if (url.length > MAX_NOTIFY_URL_LENGTH)
    throw badUserInput(`notifyUrl must be at most ${MAX_NOTIFY_URL_LENGTH} characters long.`, 'input.notifyUrl');
  const check = checkWebhookUrl(url, allowPrivate);
  if (!check.ok) throw badUserInput(`notifyUrl ${check.reason}.`, 'input.notifyUrl');
  return check.url.toString();
}

/** The same key twice returns the first export, to whoever may see it; another analyst's key is a clash, not a lookup. */
function replay(caller: ExportCaller, existing: ExportJobRecord): ExportJobRecord {
  if (!canSeeExport(caller.key, existing))
    throw badUserInput('This idempotencyKey is already used by another API key of the account.', 'input.idempotencyKey');
  return existing;
}

/**
 * Refuses the export when the account already has `maxQueued` waiting, and otherwise returns its
 * queue priority: minus the account's unfinished exports. pg-boss serves higher priorities first,
 * so every account's first export goes before any account's second, and so on (round-robin across
 * accounts on one queue): one account's long backlog cannot keep another's export waiting for
 * more than the exports already running. The lock makes concurrent requests of an account count in turn.
 */
async function queuePosition(manager: EntityManager, accountId: string, maxQueued: number): Promise<number> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('export-queue'), hashtext($1))`, [accountId]);
  const [{ queued, unfinished }] = await manager.query(
    `SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued, count(*)::int AS unfinished
       FROM export_jobs WHERE status IN ('queued', 'running')`,
  );
  if (queued >= maxQueued) throw exportQueueFull(maxQueued);
  return -unfinished;
}

/** The schedule a run belongs to, and its cron slot (null for a run asked for by hand). */
export interface ScheduledRun {
  scheduleId: string;
  slot: Date | null;
}

/**
 * Validates an export request and, in the request's transaction, stores the job, queues its run
 * (the pg-boss job id is the export id) and records the audit event: all of them exist, or none.
 */
export async function requestExport(
  caller: ExportCaller,
  services: ExportServices,
  input: ExportRequest,
  run: ScheduledRun | null = null,
): Promise<ExportJobRecord> {
  assertMayExport(caller.key);
  const { manager } = caller;
  const report = reportOf(input.report);
  const columns = checkColumns(report, input.columns);
  const idempotencyKey = checkIdempotencyKey(input.idempotencyKey);
  const notifyUrl = checkNotifyUrl(input.notifyUrl, services.config.webhookAllowPrivate);
  if (idempotencyKey) {
    const existing = await findExportJobByIdempotencyKey(manager, idempotencyKey);
    if (existing) return replay(caller, existing);
  }
  const filter = await resolveReportFilter(manager, report, input.filter, {
    maxRangeDays: services.maxReportRangeDays,
    fieldPrefix: 'input.filter',
  });
  const [local] = await manager.query(
    `SELECT a.locale, to_char($1::timestamptz AT TIME ZONE $3, 'YYYY-MM-DD"T"HH24MI') AS "from",
            to_char($2::timestamptz AT TIME ZONE $3, 'YYYY-MM-DD"T"HH24MI') AS "to"
       FROM accounts a`,
    [filter.from, filter.to, filter.timeZone],
  );
  const priority = await queuePosition(manager, caller.key.accountId, services.config.accountMaxQueued);
  const stored = storeFilter(filter);
  const job = await insertExportJob(manager, {
    requestedByKeyId: caller.key.id,
    report: report.key,
    filter: stored,
    columns,
    locale: input.locale ?? (local.locale as Locale),
    delimiter: input.delimiter,
    bom: input.bom,
    gzip: input.gzip,
    fileName: exportFileName(report.key, local.from, local.to, filter.timeZone, input.gzip),
    idempotencyKey,
    notifyUrl,
    scheduleId: run?.scheduleId ?? null,
    scheduleSlot: run?.slot ?? null,
  });
  if (!job) return replay(caller, (await findExportJobByIdempotencyKey(manager, idempotencyKey as string)) as ExportJobRecord);
  await enqueueExport(manager, { accountId: job.accountId, exportId: job.id }, services.config, priority);
  if (notifyUrl) await ensureWebhookSecret(manager);
  await recordAuditEvent(manager, {
    action: AuditAction.EXPORT_REQUESTED,
    keyId: caller.key.id,
    exportId: job.id,
    report: report.key,
    filter: stored,
    rowCount: null,
    clientIp: caller.clientIp,
  });
  return job;
}

/** An export the caller may see; a foreign or hidden one is as absent as a missing one. */
export async function findVisibleExport(caller: Pick<ExportCaller, 'key' | 'manager'>, id: string): Promise<ExportJobRecord> {
  const job = await findExportJob(caller.manager, parseExportId(id));
  if (!job || !canSeeExport(caller.key, job)) throw notFound(`No export with id ${id}.`);
  return job;
}

/** Cancels a QUEUED or RUNNING export (the worker notices within a second); a finished one is returned as it is. */
export async function cancelExport(caller: ExportCaller, services: ExportServices, id: string): Promise<ExportJobRecord> {
  assertMayExport(caller.key);
  const job = await findVisibleExport(caller, id);
  const cancelled = await cancelExportJob(caller.manager, job.id);
  if (!cancelled) return job;
  await recordAuditEvent(caller.manager, {
    action: AuditAction.EXPORT_CANCELLED,
    keyId: caller.key.id,
    exportId: cancelled.id,
    report: cancelled.report,
    filter: cancelled.filter,
    rowCount: null,
    clientIp: caller.clientIp,
  });
  if (cancelled.notifyUrl)
    await enqueueNotification(caller.manager, { accountId: cancelled.accountId, exportId: cancelled.id }, services.config);
  return cancelled;
}
