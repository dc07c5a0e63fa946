import 'reflect-metadata';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { DatabaseOutage } from './db/outage';
import { startExportWorker } from './exports/worker';
import { startScheduleWorker } from './schedules/worker';
import { startIngestWorker } from './ingest/applier/worker';
import { createLogger } from './logger';
import { runMain, prepareQueues, startUntilStopped } from './process-lifecycle';

/** `npm run worker`: export workers and the ingestion applier, sharing their queues with any API or worker process on the same database. */
interface Running {
  outage: DatabaseOutage;
  schedules: Awaited<ReturnType<typeof startScheduleWorker>>;
  worker: Awaited<ReturnType<typeof startExportWorker>>;
  applier: Awaited<ReturnType<typeof startIngestWorker>>;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config, (line) => logger.debug({ postgres: line.trim() }, 'postgres'));
  const running: Partial<Running> = {};
  await startUntilStopped(
    logger,
    async () => {
      const outage = (running.outage = await prepareQueues(db, logger));
      // Before the export worker, whose start line says the process is ready.
      running.schedules = await startScheduleWorker({ owner: db.owner, runtime: db.runtime, config, logger, outage });
      running.worker = await startExportWorker({ owner: db.owner, runtime: db.runtime, config, logger, outage });
      if (config.ingest.runApplier) running.applier = await startIngestWorker({ owner: db.owner, config: config.ingest, logger, outage });
    },
    async () => {
      running.outage?.stop();
      await running.schedules?.stop();
      await running.worker?.stop();
      await running.applier?.stop();
      await db.close();
    },
  );
}

runMain(main);
