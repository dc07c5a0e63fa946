import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Request, RequestHandler, Response, Router } from 'express';
import { GraphQLError } from 'graphql';
import { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource, QueryRunner } from 'typeorm';
import { normalizeIp } from '../audit/client-ip';
import { PullConfig } from '../config';
import { RequestContext, createRequestContext } from '../context';
import { isConnectionLoss } from '../db/outage';
import { CodedError, ErrorCode } from '../errors';
import { ExportServices } from '../exports/services';
import { PreparedPull, preparePull } from '../exports/pull';
import { parsePullQuery } from './pull-query';
import { Logger } from '../logger';
import { INTERNAL_MESSAGE } from '../security/error-format';
import { sendError } from '../security/http-errors';
import { RateLimiter } from '../security/rate-limit';
import { RequestGuards } from '../security/request-guards';
import { DATABASE_RETRY_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, rateLimited } from '../security/request-errors';
import { requestIdOf } from '../security/request-scope';
import { postgresCode } from '../security/root-cause';

export interface PullRouteDeps {
  runtime: DataSource;
  services: ExportServices;
  logger: Logger;
  pull: PullConfig;
  /** REPORT_MAX_RANGE_DAYS, which bounds every report filter. */
  maxReportRangeDays: number;
  /** STATEMENT_TIMEOUT_MS and REQUEST_TIMEOUT_MS: the statements before the COPY get what any request gets. */
  statementTimeoutMs: number;
  requestTimeoutMs: number;
  /** The GraphQL endpoint's limiter, guards and gate: a pull counts as a request of its key and account. */
  rateLimiter: RateLimiter;
  guards: RequestGuards;
  gate: RequestHandler;
}

const STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  TIMEOUT: 504,
  SERVICE_BUSY: 503,
  EXPORT_QUEUE_FULL: 429,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

const FILE = /^([a-z0-9_]+)\.(csv|ndjson)$/;
const QUERY_CANCELED = '57014';

/** Sends any failure before the first byte as the coded JSON error GraphQL clients already parse; never a stack or SQL. */
function sendFailure(res: Response, logger: Logger, error: unknown, statementTimeoutMs: number): void {
  if (error instanceof CodedError) return sendError(res, STATUS[error.code], error.message, { code: error.code, ...error.details });
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
    // The request context's refusals (key, caps, pool wait, deadline) carry their status and Retry-After.
    const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> }; code: ErrorCode };
    for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
    return sendError(res, http?.status ?? STATUS[extensions.code] ?? 500, error.message, extensions);
  }
  if (postgresCode(error) === QUERY_CANCELED) {
    return sendError(
      res,
      504,
      `The report query ran longer than ${statementTimeoutMs} ms; pull a shorter range or fewer inboxes, or export it with the exportReport mutation.`,
      {
        code: 'TIMEOUT',
        reason: 'STATEMENT_TIMEOUT',
      },
    );
  }
  if (isConnectionLoss(error)) {
    res.setHeader('Retry-After', String(DATABASE_RETRY_SECONDS));
    return sendError(res, 503, DATABASE_UNAVAILABLE_MESSAGE, { code: 'DATABASE_UNAVAILABLE', retryAfter: DATABASE_RETRY_SECONDS });
  }
  const requestId = requestIdOf(res);
  logger.error({ err: error, requestId }, 'report pull failed');
  sendError(res, 500, INTERNAL_MESSAGE, { code: 'INTERNAL_SERVER_ERROR', requestId });
}

function runnerOf(context: RequestContext): QueryRunner {
  const runner = context.manager.queryRunner;
  if (!runner) throw new Error('the request context has no query runner');
  return runner;
}

/**
 * Commits the validation and the audit event, so the read is on record whatever happens to the
 * stream, and opens the read's own transaction on the same connection, bound to the account, with
 * the pull's statement timeout and the filter's zone (COPY writes instants in it).
 */
async function openRead(runner: QueryRunner, accountId: string, prepared: PreparedPull, statementTimeoutMs: number): Promise<PoolClient> {
  await runner.commitTransaction();
  await runner.startTransaction();
  await runner.query(
    `SELECT set_config('app.account_id', $1, true), set_config('statement_timeout', $2, true), set_config('TimeZone', $3, true)`,
    [accountId, String(statementTimeoutMs), prepared.filter.timeZone],
  );
  return (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
}

/**
 * `GET /reports/<key>.csv` and `GET /reports/<key>.ndjson`: the report streamed straight from COPY
 * with the same SQL, validation and CSV rules as an export of the same request. Nothing is sent
 * until PostgreSQL has produced the first row (or finished), so every refusal, and a timeout of an
 * aggregating report, is a coded JSON error with no data; a failure after that cuts the response
 * short (no final chunk), which HTTP clients report as an incomplete body.
 */
export function pullRoutes(deps: PullRouteDeps): Router {
  const router = Router();
  const settings = {
    maxReportRangeDays: deps.maxReportRangeDays,
    statementTimeoutMs: deps.statementTimeoutMs,
    requestTimeoutMs: deps.pull.statementTimeoutMs + deps.requestTimeoutMs,
  };
  router.get('/reports/:file', deps.gate, async (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    let context: RequestContext | undefined;
    let started = false;
    try {
      const file = FILE.exec(String(req.params.file));
      if (!file)
        throw new CodedError('NOT_FOUND', 'Pull a report as /reports/<report key>.csv or /reports/<report key>.ndjson.', {
          field: 'report',
        });
      // Parsed before the key is checked: a malformed request costs no connection.
      const request = parsePullQuery(file[1], file[2] as 'csv' | 'ndjson', req.query as Record<string, unknown>);
      context = await createRequestContext(deps.runtime, req, settings, deps.services, deps.guards);
      const decision = deps.rateLimiter.take(context.key.id);
      if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
      const prepared = await preparePull({ key: context.key, manager: context.manager, clientIp: normalizeIp(req.ip) }, request, {
        maxRangeDays: deps.pull.maxRangeDays,
        maxReportRangeDays: deps.maxReportRangeDays,
      });
      const runner = runnerOf(context);
      const client = await openRead(runner, context.accountId, prepared, deps.pull.statementTimeoutMs);
      const rows = client.query(copyTo(prepared.copy));
      const iterator = rows[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      let first: IteratorResult<Buffer>;
      try {
        first = await iterator.next();
      } catch (error) {
        abandon(runner, rows, error);
        throw error;
      }
      started = true;
      res.status(200).set({
        'Content-Type': prepared.contentType,
        'Content-Disposition': `inline; filename="${prepared.report}.${prepared.format}"`,
        'X-Report-As-Of': prepared.filter.asOf.toISOString(),
        'X-Report-Time-Zone': prepared.filter.timeZone,
      });
      async function* body(): AsyncGenerator<Buffer> {
        if (prepared.prefix.length > 0) yield prepared.prefix;
        if (first.done) return;
        yield first.value;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      }
      try {
        await pipeline(Readable.from(body()), res);
      } catch (error) {
        abandon(runner, rows, error);
        throw error;
      }
      await context.finish(true);
    } catch (error) {
      if (started) {
        const hungUp = (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE';
        if (hungUp) deps.logger.info({ requestId: requestIdOf(res) }, 'report pull cancelled by the client');
        else deps.logger.warn({ err: error, requestId: requestIdOf(res) }, 'report pull interrupted');
        res.destroy();
      } else {
        sendFailure(res, deps.logger, error, deps.pull.statementTimeoutMs);
      }
    } finally {
      // After an abandoned COPY the connection is gone, and with it the transaction finish would end.
      await context?.finish(false).catch(() => undefined);
    }
  });
  return router;
}

/** A COPY left half-read cannot be resumed or rolled back on its connection: the connection is closed, not pooled. */
function abandon(runner: QueryRunner, rows: Readable, error: unknown): void {
  rows.destroy();
  void (runner as unknown as { releasePostgresConnection(err: unknown): Promise<void> }).releasePostgresConnection(
    error instanceof Error ? error : new Error('report pull abandoned'),
  );
}
