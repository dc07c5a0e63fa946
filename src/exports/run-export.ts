import fs from 'node:fs';
import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { AuditAction } from '../audit/audit.enums';
import { ExportAction, recordAuditEvent } from '../audit/audit-log';
import { catalog } from '../catalog';
import { exportStoragePath } from '../catalog/naming';
import { Localized, ReportDefinition } from '../catalog/types';
import { ExportConfig } from '../config';
import { DatabaseOutage } from '../db/outage';
import { Sql } from '../db/sql';
import { withTenant } from '../db/tenant-transaction';
import { Locale } from '../entities/enums/account.enums';
import { Logger } from '../logger';
import { CompiledQuery, compileCopy, compileCsv } from '../reports/compiler';
import { CsvFileResult, csvLine, writeCsvFile } from './csv-file';
import { ExportJobRecord } from './export-job';
import { resolvedFilter } from '../reports/stored-filter';
import { DELIMITER_CHARACTERS, ExportErrorCode } from './export.enums';
import { claimExportJob, failExportJob, lockCurrentAttempt, reportProgress, requeueExportJob, succeedExportJob } from './export-job.store';
import { ExportJobData, enqueueDeliveries, enqueueNotification } from './queue';
import { accountDirectory, finalPath, publishFile, removeFile, removeOtherAttempts, tempPath } from './storage';

export interface ExportRunnerDeps {
  runtime: DataSource;
  /** Runtime-role connections for COPY, which needs a raw pg client. */
  copyPool: Pool;
  config: ExportConfig;
  logger: Logger;
  /** Aborted when the worker stops: running attempts hand their export back to the queue. */
  stopping: AbortSignal;
  /** Where an attempt that lost the database learns when it can hand its export back. */
  outage: DatabaseOutage;
}

/**
 * Why an attempt ends without a file though nothing failed:
 * - ACCOUNT_BUSY: the account has no free slot; thrown to pg-boss, so the job is retried shortly;
 * - SUPERSEDED: the attempt is no longer the export's current one (cancelled, or taken over after it was presumed dead);
 * - INTERRUPTED: the worker is stopping; the export goes back to the queue.
 */
export type AttemptStopCode = 'ACCOUNT_BUSY' | 'SUPERSEDED' | 'INTERRUPTED';

export class AttemptStopped extends Error {
  constructor(
    readonly code: AttemptStopCode,
    message: string,
  ) {
    super(message);
    this.name = 'AttemptStopped';
  }
}

export function stoppedBecause(error: unknown, code: AttemptStopCode): boolean {
  return error instanceof AttemptStopped && error.code === code;
}

const QUERY_CANCELED = '57014';
const NO_SPACE_LEFT = 'ENOSPC';

function localeKey(locale: Locale): keyof Localized {
  return locale === Locale.PT_BR ? 'ptBR' : 'en';
}

function reportOf(key: string): ReportDefinition {
  const report = catalog.find((r) => r.key === key);
  if (!report) throw new Error(`export of unknown report ${key}`);
  return report;
}

/** The outcome's audit event and, when asked for, its notification, in the transaction that records the outcome. */
async function recordOutcome(sql: Sql, config: ExportConfig, job: ExportJobRecord, action: ExportAction): Promise<void> {
  await recordAuditEvent(sql, {
    action,
    keyId: job.requestedByKeyId,
    exportId: job.id,
    report: job.report,
    filter: job.filter,
    rowCount: job.rowCount,
    clientIp: null,
  });
  if (job.notifyUrl) await enqueueNotification(sql, { accountId: job.accountId, exportId: job.id }, config);
  if (job.scheduleId && action === AuditAction.EXPORT_SUCCEEDED)
    await enqueueDeliveries(sql, { accountId: job.accountId, exportId: job.id });
}

/**
 * Runs one attempt of an export: claims a slot, writes the file from a REPEATABLE READ snapshot
 * of the runtime role bound to the account, and publishes it only if the attempt is still the
 * current one. A retry reads the same `asOf`, so it writes the same bytes.
 */
export async function runExport(deps: ExportRunnerDeps, data: ExportJobData): Promise<void> {
  const { config } = deps;
  const claim = await withTenant(deps.runtime, data.accountId, async (runner) => {
    const result = await claimExportJob(runner.manager, data.accountId, data.exportId, config);
    if (result.kind === 'exhausted') await recordOutcome(runner.manager, config, result.job, AuditAction.EXPORT_FAILED);
    return result;
  });
  if (claim.kind === 'busy')
    throw new AttemptStopped('ACCOUNT_BUSY', `account ${data.accountId} already runs ${config.accountConcurrency} exports`);
  if (claim.kind === 'exhausted') deps.logger.error({ exportId: data.exportId }, 'export failed: every attempt was interrupted');
  if (claim.kind !== 'run') {
    await removeOtherAttempts(config.dir, data.accountId, data.exportId, -1);
    return;
  }

  const job = claim.job;
  const temp = tempPath(config.dir, job.accountId, job.id, job.attempt);
  await fs.promises.mkdir(accountDirectory(config.dir, job.accountId), { recursive: true });
  await removeOtherAttempts(config.dir, job.accountId, job.id, job.attempt);
  const controller = new AbortController();
  const onStop = () => controller.abort(new AttemptStopped('INTERRUPTED', 'worker stopping'));
  deps.stopping.addEventListener('abort', onStop);
  if (deps.stopping.aborted) onStop();
  try {
    const result = await writeAttempt(deps, job, temp, controller);
    await publish(deps, job, temp, result);
    deps.logger.info({ exportId: job.id, attempt: job.attempt, rows: result.rowCount, bytes: result.byteSize }, 'export succeeded');
  } catch (error) {
    await removeFile(temp);
    await settleFailure(deps, job, controller.signal.reason ?? error);
  } finally {
    deps.stopping.removeEventListener('abort', onStop);
  }
}

/** The planner's row estimate: progress is approximate, and an exact count would cost as much as a second run of an aggregating report. */
async function estimatedRows(client: PoolClient, query: CompiledQuery): Promise<number> {
  const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${query.text}`, query.values);
  return Math.max(1, Number(rows[0]['QUERY PLAN'][0].Plan['Plan Rows']));
}

async function writeAttempt(
  deps: ExportRunnerDeps,
  job: ExportJobRecord,
  temp: string,
  controller: AbortController,
): Promise<CsvFileResult> {
  const report = reportOf(job.report);
  const filter = resolvedFilter(job.filter);
  const csv = { fields: job.columns, locale: localeKey(job.locale), delimiter: DELIMITER_CHARACTERS[job.delimiter] };
  const headers = job.columns.map((field) => report.columns.find((c) => c.field === field)?.header[csv.locale] ?? field);

  const client = await deps.copyPool.connect();
  let reusable = false;
  let ticker: NodeJS.Timeout | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    // TimeZone makes to_char write DateTime cells in the filter's zone, offset included.
    const [settings] = (
      await client.query(
        `SELECT set_config('app.account_id', $1, true), set_config('statement_timeout', $2, true), set_config('TimeZone', $3, true),
                pg_backend_pid() AS pid`,
        [job.accountId, `${deps.config.statementTimeoutSeconds}s`, filter.timeZone],
      )
    ).rows;
    const estimate = await estimatedRows(client, compileCsv(report, filter, csv));
    // Each tick records progress and, by the same statement, learns whether the attempt is still current.
    let ticking = false;
    ticker = setInterval(() => {
      // A slow tick is not stacked on: the next one starts after it ends.
      if (ticking) return;
      ticking = true;
      withTenant(deps.runtime, job.accountId, async (runner) => {
        // PostgreSQL counts the rows COPY has sent; no need to parse the stream for them.
        const [copy] = await runner.query('SELECT tuples_processed::float8 AS rows FROM pg_stat_progress_copy WHERE pid = $1', [
          settings.pid,
        ]);
        return reportProgress(runner.manager, job.id, job.attempt, Math.min(0.99, (copy?.rows ?? 0) / estimate));
      })
        .then((current) => {
          if (!current) controller.abort(new AttemptStopped('SUPERSEDED', 'the export was cancelled or taken over'));
        })
        .catch((error: unknown) => {
          if (!deps.outage.fault(error)) deps.logger.warn({ err: error, exportId: job.id }, 'could not record export progress');
        })
        .finally(() => {
          ticking = false;
        });
    }, deps.config.progressIntervalMs);
    const result = await writeCsvFile({
      client,
      copy: compileCopy(report, filter, csv),
      header: csvLine(headers, csv.delimiter),
      bom: job.bom,
      gzip: job.gzip,
      file: temp,
      signal: controller.signal,
    });
    await client.query('COMMIT');
    reusable = true;
    return result;
  } finally {
    clearInterval(ticker);
    // A connection left in the middle of a COPY or a failed transaction is closed, not pooled.
    client.release(reusable ? undefined : true);
  }
}

async function publish(deps: ExportRunnerDeps, job: ExportJobRecord, temp: string, result: CsvFileResult): Promise<void> {
  await withTenant(deps.runtime, job.accountId, async (runner) => {
    // The row lock keeps a newer attempt or a cancellation from interleaving with the rename.
    if (!(await lockCurrentAttempt(runner.manager, job.id, job.attempt)))
      throw new AttemptStopped('SUPERSEDED', 'the export was cancelled or taken over');
    await publishFile(temp, finalPath(deps.config.dir, job.accountId, job.id, job.gzip));
    const storagePath = exportStoragePath(job.accountId, job.id, job.gzip);
    const done = await succeedExportJob(runner.manager, job.id, job.attempt, { ...result, storagePath }, deps.config.retentionHours);
    if (done) await recordOutcome(runner.manager, deps.config, done, AuditAction.EXPORT_SUCCEEDED);
  });
}

/**
 * Decides what a failed attempt means: nothing when it was superseded; back to the queue (and an
 * error for pg-boss to retry) when interrupted or while attempts remain; FAILED otherwise. A
 * statement timeout fails at once, since a retry would time out the same way.
 */
async function settleFailure(deps: ExportRunnerDeps, job: ExportJobRecord, error: unknown): Promise<void> {
  if (stoppedBecause(error, 'SUPERSEDED')) {
    deps.logger.info({ exportId: job.id, attempt: job.attempt }, 'export attempt superseded');
    return;
  }
  if (deps.outage.fault(error)) {
    // Handed back as soon as the database answers again: left RUNNING, the attempt would hold one
    // of the account's slots until its job expired.
    await deps.outage.reachable();
    await withTenant(deps.runtime, job.accountId, (runner) => requeueExportJob(runner.manager, job.id, job.attempt));
    deps.logger.info({ exportId: job.id, attempt: job.attempt }, 'export attempt handed back after the database came back');
    throw error;
  }
  const timedOut = (error as { code?: string }).code === QUERY_CANCELED;
  // A retry would fill the same disk again: the export fails at once and says what to free.
  const storageFull = (error as { code?: string }).code === NO_SPACE_LEFT;
  if (stoppedBecause(error, 'INTERRUPTED') || (!timedOut && !storageFull && job.attempt < deps.config.maxAttempts)) {
    deps.logger.warn({ err: error, exportId: job.id, attempt: job.attempt }, 'export attempt interrupted; it will be retried');
    await withTenant(deps.runtime, job.accountId, (runner) => requeueExportJob(runner.manager, job.id, job.attempt));
    throw error;
  }
  deps.logger.error({ err: error, exportId: job.id, attempt: job.attempt }, 'export failed');
  const [code, message] = timedOut
    ? [
        ExportErrorCode.TIMEOUT,
        `The report query ran longer than ${deps.config.statementTimeoutSeconds} s; export a shorter range or fewer inboxes.`,
      ]
    : storageFull
      ? [
          ExportErrorCode.STORAGE_FULL,
          'The export storage is full, so the file could not be written. Ask an operator to free space (or to move EXPORT_DIR), then export again.',
        ]
      : [ExportErrorCode.FAILED, 'The export could not be written.'];
  await withTenant(deps.runtime, job.accountId, async (runner) => {
    const failed = await failExportJob(runner.manager, job.id, job.attempt, code, message);
    if (failed) await recordOutcome(runner.manager, deps.config, failed, AuditAction.EXPORT_FAILED);
  });
}
