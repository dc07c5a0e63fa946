import fs from 'node:fs';
import PgBoss from 'pg-boss';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { Config } from '../config';
import { DatabaseOutage, surfaceLostConnectionsInQueries } from '../db/outage';
import { Logger } from '../logger';
import { deliverNotification } from './notify';
import { EXPORT_QUEUE, ExportJobData, NOTIFY_QUEUE, QUEUE_SCHEMA } from './queue';
import { runExport, stoppedBecause } from './run-export';
import { createExportServices } from './services';
import { sweepExportFiles } from './sweep';

export interface ExportWorkerDeps {
  /** pg-boss runs as the owner: it maintains its own schema. */
  owner: DataSource;
  /** Exports read and write tenant rows as the runtime role, bound to one account at a time. */
  runtime: DataSource;
  config: Config;
  logger: Logger;
  /** The process's watch on the database; the worker makes its own when none is given. */
  outage?: DatabaseOutage;
}

export interface ExportWorker {
  /** Gives running exports back to the queue and stops polling. */
  stop(): Promise<void>;
}

/** How long stopping waits for running attempts to hand their exports back. */
const STOP_TIMEOUT_MS = 5000;

function urlOf(source: DataSource): string {
  const { url } = source.options as { url?: string };
  if (!url) throw new Error('the export worker needs data sources configured by URL');
  return url;
}

/**
 * Polls the export and notification queues. Sweeps once before taking work (files a killed
 * process left), then every EXPORT_SWEEP_INTERVAL_SECONDS. Runs in the API process (`npm start`)
 * or alone (`npm run worker`); any number of processes can share the queues.
 */
export async function startExportWorker(deps: ExportWorkerDeps): Promise<ExportWorker> {
  const { config, logger } = deps;
  const settings = config.exports;
  const services = createExportServices(config);
  const outage = deps.outage ?? new DatabaseOutage(urlOf(deps.owner), logger);
  fs.mkdirSync(settings.dir, { recursive: true });
  const sweep = async () => {
    try {
      const result = await sweepExportFiles(deps.runtime, settings);
      if (result.expired + result.deletedFiles > 0) logger.info(result, 'export files swept');
    } catch (error) {
      if (!outage.fault(error)) logger.error({ err: error }, 'export sweep failed');
    }
  };
  // pg-boss records a handler's outcome without awaiting it; a job whose handler lost the database
  // waits for it to come back before failing, so that pg-boss's fail() runs on a live connection and
  // the job is retried at once instead of staying active until it expires.
  const failAfterOutage = async (error: unknown): Promise<never> => {
    if (outage.fault(error)) await outage.reachable();
    throw error;
  };
  await sweep();

  const copyPool = new Pool({
    connectionString: urlOf(deps.runtime),
    max: settings.workerConcurrency,
    application_name: 'chat-reporting-export',
  });
  surfaceLostConnectionsInQueries(copyPool);
  copyPool.on('error', (error) => {
    if (!outage.fault(error)) logger.warn({ err: error }, 'idle export connection failed');
  });
  const boss = new PgBoss({
    connectionString: urlOf(deps.owner),
    schema: QUEUE_SCHEMA,
    max: settings.workerConcurrency + 3,
    application_name: 'chat-reporting-queue',
    supervise: true,
    schedule: false,
    migrate: true,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
  });
  boss.on('error', (error) => {
    if (!outage.fault(error)) logger.error({ err: error }, 'job queue error');
  });
  await boss.start();

  const stopping = new AbortController();
  const runner = { runtime: deps.runtime, copyPool, config: settings, logger, stopping: stopping.signal, outage };
  const polling = { batchSize: 1, pollingIntervalSeconds: settings.pollIntervalMs / 1000 };
  // pg-boss 10 runs one job at a time per work() call; one call per slot gives the concurrency.
  for (let slot = 0; slot < settings.workerConcurrency; slot++) {
    await boss.work<ExportJobData>(EXPORT_QUEUE, polling, async ([job]) => {
      try {
        await runExport(runner, job.data);
      } catch (error) {
        if (!stoppedBecause(error, 'ACCOUNT_BUSY') && !outage.fault(error))
          logger.warn({ err: error, exportId: job.data.exportId }, 'export attempt failed');
        await failAfterOutage(error);
      }
    });
  }
  await boss.work<ExportJobData>(NOTIFY_QUEUE, polling, async ([job]) => {
    try {
      await deliverNotification({ runtime: deps.runtime, services, logger }, job.data);
    } catch (error) {
      if (!outage.fault(error)) logger.warn({ err: error, exportId: job.data.exportId }, 'export notification failed; it will be retried');
      await failAfterOutage(error);
    }
  });
  const sweeper = setInterval(() => void sweep(), settings.sweepIntervalSeconds * 1000);
  logger.info({ dir: settings.dir, concurrency: settings.workerConcurrency }, 'export worker started');

  return {
    async stop() {
      clearInterval(sweeper);
      outage.stop();
      stopping.abort();
      await boss.stop({ graceful: true, timeout: STOP_TIMEOUT_MS }).catch((error: unknown) => {
        if (!outage.fault(error)) throw error;
      });
      // An attempt still inside its count query keeps a connection until the query ends; exit without it.
      await Promise.race([copyPool.end(), new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref())]);
    },
  };
}
