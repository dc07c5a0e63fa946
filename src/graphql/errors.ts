import { GraphQLError } from 'graphql';

/** Every code a client can see in `extensions.code`. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'TIMEOUT'
  | 'INTERNAL_SERVER_ERROR';

export function unauthenticated(message = 'A valid API key is required: send "Authorization: Bearer <key>".'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/** `field` names the argument path at fault, e.g. `filter.from`, so a client can point at it. */
export function badUserInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}

/** Ingest keys are write-only: they send events and read nothing (HTTP 403). */
export function ingestKeyRefused(): GraphQLError {
  return new GraphQLError('This is an ingest key: it can only send events to POST /ingest/v1/events, not query or export.', {
    extensions: { code: 'FORBIDDEN', reason: 'INGEST_KEY', http: { status: 403 } },
  });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

/** `reason` tells which limit was hit (e.g. `MAX_DEPTH`, `MAX_COST`), so a client can react to it. */
export function queryTooComplex(message: string, reason: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', reason, ...extensions, http: { status: 400 } } });
}

export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many requests for this API key; retry in ${retryAfterSeconds} s.`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfter: retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}
