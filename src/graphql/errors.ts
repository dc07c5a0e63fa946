import { GraphQLError } from 'graphql';

/**
 * Errors raised by the GraphQL edge itself, outside any resolver (authentication, rate limit,
 * document limits): they carry the HTTP status Apollo answers with. Everything below the edge
 * raises `CodedError` (src/errors.ts), which the error formatter maps to `extensions.code`.
 */
export function unauthenticated(message = 'A valid API key is required: send "Authorization: Bearer <key>".'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
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
