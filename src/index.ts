import 'reflect-metadata';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { DatabaseOutage } from './db/outage';
import { prepareDemo } from './demo';
import { installJobQueue } from './exports/queue';
import { installIngestQueues } from './ingest/queue';
import { startExportWorker } from './exports/worker';
import { startScheduleWorker } from './schedules/worker';
import { startIngestWorker } from './ingest/applier/worker';
import { buildGraphQLSchema } from './graphql/schema';
import { createLogger } from './logger';
import { runMain, stopOnSignals, surviveDatabaseOutages } from './process-lifecycle';
import { createApp, listen } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config, (line) => logger.debug({ postgres: line.trim() }, 'postgres'));
  await installJobQueue(db.owner);
  await installIngestQueues(db.owner);
  const outage = new DatabaseOutage((db.owner.options as { url: string }).url, logger);
  surviveDatabaseOutages(logger, outage);
  const demoKey = config.seedDemo ? await prepareDemo(db, config, logger) : undefined;
  // Before the API listens, so that a process that says it listens also runs its schedules.
  const schedules = config.exports.runWorker
    ? await startScheduleWorker({ owner: db.owner, runtime: db.runtime, config, logger, outage })
    : undefined;
  const schema = await buildGraphQLSchema();
  const app = await createApp({ schema, runtime: db.runtime, logger, config, demoKey });
  const port = await listen(app.httpServer, config.port, config.host);
  logger.info({ url: `http://${config.host}:${port}/graphql` }, 'listening');
  const worker = config.exports.runWorker
    ? await startExportWorker({ owner: db.owner, runtime: db.runtime, config, logger, outage })
    : undefined;
  const applier = config.ingest.runApplier
    ? await startIngestWorker({ owner: db.owner, config: config.ingest, logger, outage })
    : undefined;

  stopOnSignals(logger, async () => {
    outage.stop();
    await app.apollo.stop();
    await schedules?.stop();
    await worker?.stop();
    await applier?.stop();
    await db.close();
  });
}

runMain(main);
