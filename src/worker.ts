import 'reflect-metadata';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { DatabaseOutage } from './db/outage';
import { installJobQueue } from './exports/queue';
import { installIngestQueues } from './ingest/queue';
import { startExportWorker } from './exports/worker';
import { startScheduleWorker } from './schedules/worker';
import { startIngestWorker } from './ingest/applier/worker';
import { createLogger } from './logger';
import { runMain, stopOnSignals, surviveDatabaseOutages } from './process-lifecycle';

/** `npm run worker`: export workers and the ingestion applier, sharing their queues with any API or worker process on the same database. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config, (line) => logger.debug({ postgres: line.trim() }, 'postgres'));
  await installJobQueue(db.owner);
  await installIngestQueues(db.owner);
  const outage = new DatabaseOutage((db.owner.options as { url: string }).url, logger);
  surviveDatabaseOutages(logger, outage);
  // Before the export worker, whose start line says the process is ready.
  const schedules = await startScheduleWorker({ owner: db.owner, runtime: db.runtime, config, logger, outage });
  const worker = await startExportWorker({ owner: db.owner, runtime: db.runtime, config, logger, outage });
  const applier = config.ingest.runApplier
    ? await startIngestWorker({ owner: db.owner, config: config.ingest, logger, outage })
    : undefined;

  stopOnSignals(logger, async () => {
    outage.stop();
    await schedules.stop();
    await worker.stop();
    await applier?.stop();
    await db.close();
  });
}

runMain(main);
