import 'reflect-metadata';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { startExportWorker } from './exports/worker';
import { startIngestWorker } from './ingest/applier/worker';
import { createLogger } from './logger';
import { runMain, stopOnSignals } from './process-lifecycle';

/** `npm run worker`: export workers and the ingestion applier, sharing their queues with any API or worker process on the same database. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config, (line) => logger.debug({ postgres: line.trim() }, 'postgres'));
  const worker = await startExportWorker({ owner: db.owner, runtime: db.runtime, config, logger });
  const applier = config.ingest.runApplier ? await startIngestWorker({ owner: db.owner, config: config.ingest, logger }) : undefined;

  stopOnSignals(logger, async () => {
    await worker.stop();
    await applier?.stop();
    await db.close();
  });
}

runMain(main);
