import { IncomingMessage, ServerResponse } from 'node:http';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { normalizeIp } from './audit/client-ip';
import { AuthenticatedKey, beginAuthenticated, hashApiKey } from './auth/api-keys';
import { closeTenantTransaction } from './db/tenant-transaction';
import { ExportServices } from './exports/services';
import { ingestKeyRefused, rateLimited, requestDeadlinePassed, serviceBusy, unauthenticated } from './security/request-errors';
import { Loaders, createLoaders } from './loaders';
import { isPoolWaitTimeout } from './security/pool-wait';
import { RETRY_AFTER_SECONDS, RequestGuards, bearerToken } from './security/request-guards';
import { RequestDeadline, cancelRunningStatement } from './security/request-deadline';
import { postgresCode } from './security/root-cause';
import { requestIdOf, tagErrorRequest } from './security/request-scope';

/**
 * What every resolver receives. `manager` belongs to the request's own transaction, already
 * bound to the key's account, and the loaders use it too, so Row Level Security scopes every
 * statement of the request, batches included.
 */
/** Per-deployment limits resolvers need, taken from the configuration. */
export interface RequestSettings {
  maxReportRangeDays: number;
  /** `statement_timeout` of the request's transaction. */
  statementTimeoutMs: number;
  /** Deadline of the whole request (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
}

export interface RequestContext {
  key: AuthenticatedKey;
  settings: RequestSettings;
  accountId: string;
  manager: EntityManager;
  loaders: Loaders;
  /** The process's export settings and link key, for the export resolvers. */
  exports: ExportServices;
  /** The id of the HTTP request (its X-Request-Id), for the log of an internal error. */
  requestId: string | undefined;
  /** The caller's address, recorded by audit events (Express's `req.ip`, which honours `trust proxy`). */
  clientIp: string | null;
  /** The transaction's `now()`, read by the authentication statement. */
  transactionStart: Date;
  /** Commits (or rolls back) and releases the connection; safe to call more than once. */
  finish(commit: boolean): Promise<void>;
}

type Backend = Parameters<typeof cancelRunningStatement>[0];

const QUERY_CANCELED = '57014';
const IN_FAILED_TRANSACTION = '25P02';

async function connectRequestRunner(runtime: DataSource): Promise<QueryRunner> {
  const runner = runtime.createQueryRunner();
  try {
    await runner.connect();
    return runner;
  } catch (error) {
    await runner.release();
    if (isPoolWaitTimeout(error)) throw serviceBusy(RETRY_AFTER_SECONDS);
    throw error;
  }
}

/**
 * Holds every statement of the request to its deadline: once it passed, a running statement is
 * cancelled (its error, like those of the statements after it, becomes TIMEOUT with reason
 * REQUEST_DEADLINE), and only the closing COMMIT or ROLLBACK may still run. Statements take
 * turns: several root fields of one request (report pages) run at once on its one connection, and
 * pg only queues overlapping queries on a client, with a deprecation warning (pg 9 refuses them).
 */
function applyDeadline(runner: QueryRunner, deadline: RequestDeadline, closing: () => boolean) {
  let previous: Promise<unknown> = Promise.resolve();
  const bounded = async <T>(statement: () => Promise<T>): Promise<T> => {
    if (deadline.expired && !closing()) throw requestDeadlinePassed(deadline.timeoutMs);
    try {
      return await statement();
    } catch (error) {
      // The cancelled statement, and those queued behind it that found the transaction aborted.
      if (deadline.expired && [QUERY_CANCELED, IN_FAILED_TRANSACTION].includes(postgresCode(error) ?? ''))
        throw requestDeadlinePassed(deadline.timeoutMs);
      throw error;
    }
  };
  const inTurn = <T>(statement: () => Promise<T>): Promise<T> => {
    const result = previous.then(() => bounded(statement));
    previous = result.catch(() => undefined);
    return result;
  };
  const query = runner.query.bind(runner);
  runner.query = ((...args: Parameters<QueryRunner['query']>) => inTurn(() => query(...args))) as QueryRunner['query'];
  return inTurn;
}

export async function createRequestContext(
  runtime: DataSource,
  req: IncomingMessage,
  settings: RequestSettings,
  exports: ExportServices,
  guards: RequestGuards,
): Promise<RequestContext> {
  // Express requests carry their response (and its id) and the address `trust proxy` resolves.
  const http = req as IncomingMessage & { res?: ServerResponse; ip?: string };
  const requestId = http.res ? requestIdOf(http.res) : undefined;
  const token = bearerToken(req);
  if (!token) throw unauthenticated();
  // Counted by the key's hash before any connection is taken, so a key at its cap costs the pool nothing.
  const entered = guards.inFlight.enterKey(hashApiKey(token));
  if (entered.kind === 'revoked') throw unauthenticated('The API key is unknown or revoked.');
  if (entered.kind === 'full') {
    throw rateLimited(
      RETRY_AFTER_SECONDS,
      `This API key already has ${guards.inFlight.perKey} requests in flight; retry when one has ended.`,
      'IN_FLIGHT_PER_KEY',
    );
  }
  const leaveKey = entered.leave;
  let leaveAccount: (() => void) | null = null;
  let runner: QueryRunner | undefined;
  let closing = false;
  let deadline: RequestDeadline | undefined;
  const finish = async (commit: boolean) => {
    if (closing) return;
    closing = true;
    deadline?.clear();
    try {
      if (runner) await closeTenantTransaction(runner, commit);
    } finally {
      leaveAccount?.();
      leaveKey();
    }
  };
  try {
    deadline = new RequestDeadline(settings.requestTimeoutMs, () => {
      const client = runner?.isReleased === false ? (runner as unknown as { databaseConnection?: Backend }).databaseConnection : undefined;
      if (client) cancelRunningStatement(client);
    });
    const connected = await connectRequestRunner(runtime);
    runner = connected;
    const inTurn = applyDeadline(connected, deadline, () => closing);
    // Transaction-local, so the pooled connection goes back without it (exports set their own).
    const authentication = await inTurn(() =>
      beginAuthenticated(connected, token, { statement_timeout: String(settings.statementTimeoutMs) }),
    );
    if (!authentication) throw unauthenticated('The API key is unknown or revoked.');
    const { key } = authentication;
    if (key.role === 'ingest') throw ingestKeyRefused();
    leaveAccount = guards.inFlight.enterAccount(key.accountId);
    if (!leaveAccount) {
      throw rateLimited(
        RETRY_AFTER_SECONDS,
        `This account already has ${guards.inFlight.perAccount} requests in flight; retry when one has ended.`,
        'IN_FLIGHT_PER_ACCOUNT',
      );
    }
    if (authentication.lastUseStale) guards.keyUsage.record(key);
    return {
      key,
      settings,
      accountId: key.accountId,
      manager: runner.manager,
      loaders: createLoaders(runner.manager),
      exports,
      requestId,
      clientIp: normalizeIp(http.ip),
      transactionStart: authentication.transactionStart,
      finish,
    };
  } catch (error) {
    tagErrorRequest(error, requestId);
    await finish(false);
    throw error;
  }
}
