import 'reflect-metadata';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { DatabaseOutage } from './db/outage';
import { prepareDemo } from './demo';
import { startExportWorker } from './exports/worker';
import { startScheduleWorker } from './schedules/worker';
import { startIngestWorker } from './ingest/applier/worker';
import { buildGraphQLSchema } from './graphql/schema';
import { createLogger } from './logger';
import { runMain, prepareQueues, startUntilStopped } from './process-lifecycle';
import { createApp, listen } from './server';

interface Running {
  outage: DatabaseOutage;
  app: Awaited<ReturnType<typeof createApp>>;
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
      const demoKey = config.seedDemo ? await prepareDemo(db, config, logger) : undefined;
      // Before the API listens, so that a process that says it listens also runs its schedules.
      if (config.exports.runWorker)
        running.schedules = await startScheduleWorker({ owner: db.owner, runtime: db.runtime, config, logger, outage });
      const schema = await buildGraphQLSchema();
      const app = (running.app = await createApp({ schema, runtime: db.runtime, logger, config, demoKey }));
      const port = await listen(app.httpServer, config.port, config.host);
      logger.info({ url: `http://${config.host}:${port}/graphql` }, 'listening');
      if (config.exports.runWorker)
        running.worker = await startExportWorker({ owner: db.owner, runtime: db.runtime, config, logger, outage });
      if (config.ingest.runApplier) running.applier = await startIngestWorker({ owner: db.owner, config: config.ingest, logger, outage });
    },
    async () => {
      running.outage?.stop();
      await running.app?.apollo.stop();
      await running.schedules?.stop();
      await running.worker?.stop();
      await running.applier?.stop();
      await db.close();
    },
  );
}

runMain(main);
