import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { Logger } from '../logger';

/**
 * SQLSTATEs and socket errors that mean the server went away (or is not up yet), not that a
 * statement was wrong: class 08 (connection exception), the shutdown and crash terminations, and
 * "the database system is starting up / in recovery".
 */
const LOST_STATES = new Set(['57P01', '57P02', '57P03']);
const LOST_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const LOST_MESSAGES = [
  /^Connection terminated/,
  /connection error and is not queryable/,
  /^terminating connection/,
  /timeout exceeded when trying to connect/,
];

/** Whether an error (a pg error, or TypeORM's wrapper around one) says the database is out of reach. */
export function isConnectionLoss(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message, driverError, errors } = error as { code?: unknown; message?: unknown; driverError?: unknown; errors?: unknown };
  if (typeof code === 'string' && (code.startsWith('08') || LOST_STATES.has(code) || LOST_ERRNO.has(code))) return true;
  if (typeof message === 'string' && LOST_MESSAGES.some((pattern) => pattern.test(message))) return true;
  // TypeORM's word for a transaction whose connection the pool already dropped with its server.
  if ((error as { name?: unknown }).name === 'QueryRunnerAlreadyReleasedError') return true;
  // Node reports a refused connection to every address of a host as one AggregateError.
  if (Array.isArray(errors) && errors.some(isConnectionLoss)) return true;
  return driverError !== undefined && driverError !== error && isConnectionLoss(driverError);
}

/**
 * A pool listens for errors only on its idle clients. A client checked out by a transaction or a
 * COPY that loses its connection between two statements would emit an 'error' event nobody
 * hears, and Node would end the process; with this listener the loss surfaces as the failure of
 * that client's next query, where the caller handles it.
 */
export function surfaceLostConnectionsInQueries(pool: Pool): void {
  pool.on('connect', (client) => client.on('error', () => undefined));
}

/** The same for the pool inside a TypeORM data source (after it is initialized). */
export function surfaceLostConnectionsOf(source: DataSource): void {
  surfaceLostConnectionsInQueries((source.driver as unknown as { master: Pool }).master);
}

const PROBE_INTERVAL_MS = 500;
const PROBE_TIMEOUT_MS = 2000;

/** One `SELECT 1` on a connection of its own, so a probe never waits behind a busy pool. */
export async function probeDatabase(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS, query_timeout: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Tracks the database going away and coming back for a process that must outlive it: the fault is
 * logged once per outage however many pools and pollers report it, a probe runs until the server
 * answers again, and whoever lost work to the outage can wait for that moment to hand it back.
 */
export class DatabaseOutage {
  private down: Promise<void> | undefined;
  private stopping = false;
  private readonly seen = new WeakSet<object>();

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  /** True while an outage is going on. */
  get isDown(): boolean {
    return this.down !== undefined;
  }

  /**
   * Reports an error; true when it was a lost connection (then it is handled here: logged if it
   * opens an outage), false when it is something else for the caller to deal with.
   */
  fault(error: unknown): boolean {
    if (!isConnectionLoss(error)) return false;
    if (this.stopping) {
      // Stopping closes connections, and with the embedded server Ctrl-C stops the database too.
      this.logger.debug({ reason: reasonOf(error) }, 'database connection closed while stopping');
      return true;
    }
    // Work that lost its connection in the outage rethrows the same error once it is over.
    if (this.seen.has(error as object)) return true;
    this.seen.add(error as object);
    this.down ??= this.probeUntilReachable(error);
    return true;
  }

  /** Resolves once the database answers (at once when no outage is going on). */
  async reachable(): Promise<void> {
    if (this.down) await this.down;
  }

  /** From now on lost connections are the process's own doing; nothing is logged as a fault. */
  stop(): void {
    this.stopping = true;
  }

  /** A connection lost while the server answers at once (a stale pooled one) is no outage and is not logged. */
  private async probeUntilReachable(error: unknown): Promise<void> {
    const started = Date.now();
    if (await probeDatabase(this.url)) {
      this.down = undefined;
      return;
    }
    // A signal may arrive while the probe runs: Ctrl-C reaches the embedded server and this process together.
    if (this.stopping) {
      this.down = undefined;
      return;
    }
    this.logger.error({ reason: reasonOf(error) }, 'database connection lost; waiting for the database to come back');
    while (!this.stopping && !(await probeDatabase(this.url))) await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    this.down = undefined;
    if (!this.stopping) this.logger.info({ downForMs: Date.now() - started }, 'database reachable again');
  }
}

/** The message and code of a lost connection; pool errors carry the whole client, which is no use in a log. */
function reasonOf(error: unknown): { message: string; code?: string } {
  const { message, code } = error as { message?: unknown; code?: unknown };
  return { message: String(message), ...(typeof code === 'string' ? { code } : {}) };
}
