import { GraphQLError } from 'graphql';

/**
 * Refusals of a request as a whole, raised before or around its resolvers (authentication, rate
 * limits, document limits, deadlines): they carry the HTTP status Apollo answers with. Everything
 * below the edge raises `CodedError` (src/errors.ts), which the error formatter maps to `extensions.code`.
 */
export function unauthenticated(message = 'A valid API key is required: send "Authorization: Bearer <key>".'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** `reason` tells which limit was hit (e.g. `MAX_DEPTH`, `MAX_COST`), so a client can react to it. */
export function queryTooComplex(message: string, reason: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', reason, ...extensions, http: { status: 400 } } });
}

/** `reason` is set when a cap on requests in flight, not the request rate, was hit (`IN_FLIGHT_PER_KEY`, `IN_FLIGHT_PER_ACCOUNT`). */
export function rateLimited(
  retryAfterSeconds: number,
  message = `Too many requests for this API key; retry in ${retryAfterSeconds} s.`,
  reason?: string,
): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'RATE_LIMITED',
      ...(reason && { reason }),
      retryAfter: retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/** The service, not the client, is the bottleneck (no database connection came free in time): 503, retry shortly. */
export function serviceBusy(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`The service is busy; retry in ${retryAfterSeconds} s.`, {
    extensions: {
      code: 'SERVICE_BUSY',
      retryAfter: retryAfterSeconds,
      http: { status: 503, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/** The whole request passed its deadline (REQUEST_TIMEOUT_MS), as opposed to one statement its statement_timeout. */
export function requestDeadlinePassed(timeoutMs: number): GraphQLError {
  return new GraphQLError(
    `The request ran longer than ${timeoutMs} ms in all and was cancelled; ask for fewer reports, rows or fields at once.`,
    {
      extensions: { code: 'TIMEOUT', reason: 'REQUEST_DEADLINE' },
    },
  );
}

/** The database is out of reach (down, restarting): nothing the client did, and worth a retry. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unreachable right now; retry in a few seconds.';
export const DATABASE_RETRY_SECONDS = 5;

export function databaseUnavailable(): GraphQLError {
  return new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
    extensions: {
      code: 'DATABASE_UNAVAILABLE',
      retryAfter: DATABASE_RETRY_SECONDS,
      http: { status: 503, headers: new Map([['retry-after', String(DATABASE_RETRY_SECONDS)]]) },
    },
  });
}

/** Ingest keys are write-only: they send events and read nothing (HTTP 403). */
export function ingestKeyRefused(): GraphQLError {
  return new GraphQLError('This is an ingest key: it can only send events to POST /ingest/v1/events, not query or export.', {
    extensions: { code: 'FORBIDDEN', reason: 'INGEST_KEY', http: { status: 403 } },
  });
}
