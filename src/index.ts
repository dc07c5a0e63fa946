import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { UnsafeRuntimeRoleError } from './db/runtime-role';
import { prepareDemo } from './demo';
import { startExportWorker } from './exports/worker';
import { buildGraphQLSchema } from './graphql/schema';
import { createLogger } from './logger';
import { createApp, listen } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config, (line) => logger.debug({ postgres: line.trim() }, 'postgres'));
  if (config.seedDemo) await prepareDemo(db, config, logger);
  const schema = await buildGraphQLSchema();
  const app = await createApp({ schema, runtime: db.runtime, logger, config });
  const port = await listen(app.httpServer, config.port, config.host);
  logger.info({ url: `http://${config.host}:${port}/graphql` }, 'listening');
  const worker = config.exports.runWorker ? await startExportWorker({ owner: db.owner, runtime: db.runtime, config, logger }) : undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.apollo.stop();
    await worker?.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof UnsafeRuntimeRoleError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});
