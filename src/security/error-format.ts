import { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, GraphQLFormattedError, Kind, parse, visit } from 'graphql';
import { isConnectionLoss } from '../db/outage';
import { CodedError, ErrorCode } from '../errors';
import { DATABASE_RETRY_SECONDS, DATABASE_UNAVAILABLE_MESSAGE } from './request-errors';
import { Logger } from '../logger';
import { tokenLimitMessage } from './limits';
import { requestIdOfError } from './request-scope';
import { postgresCode, rootCause } from './root-cause';
import { isStatementTimeout } from './statement-timeout';

/** The codes a client may see besides INTERNAL_SERVER_ERROR, which is only ever the masked form. */
const CLIENT_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'TIMEOUT',
  'SERVICE_BUSY',
  'EXPORT_QUEUE_FULL',
  'DATABASE_UNAVAILABLE',
]);

/** Apollo's codes for requests it could not take at all; each is the client's to fix. */
const APOLLO_REQUEST_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** SQLSTATE for a NUL byte or an invalid character in a text value. */
const CHARACTER_NOT_IN_REPERTOIRE = '22021';

/** graphql-js appends " Did you mean "x"?" or " Did you mean the enum value "X"?" to what it cannot match. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

export const INTERNAL_MESSAGE = 'Internal server error. Quote the requestId when reporting it.';

export interface ErrorFormatOptions {
  logger: Logger;
  /** Drops "Did you mean …" from messages: with introspection off they would be the way to map the schema. */
  hideSuggestions: boolean;
  statementTimeoutMs: number;
}

type Formatted = GraphQLFormattedError & { extensions: Record<string, unknown> };

/**
 * graphql-js names the variable and the path inside it in the message of a coercion error
 * (`Variable "$filter" got invalid value "10000-01-01" at "filter.from"; …`, `Variable "$first" of
 * required type "Int!" was not provided.`) but in no extension; `field` takes it from there, as the
 * report filter's own checks name `filter.from`.
 */
const VARIABLE_ERROR = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" (?:got invalid value .*? at "([^"]+)";|got invalid value|of required type)/s;

function variableField(message: string): string | undefined {
  const match = VARIABLE_ERROR.exec(message);
  return match ? (match[2] ?? match[1]) : undefined;
}

const VALUE_KINDS: ReadonlySet<string> = new Set([
  Kind.STRING,
  Kind.INT,
  Kind.FLOAT,
  Kind.BOOLEAN,
  Kind.ENUM,
  Kind.NULL,
  Kind.LIST,
  Kind.OBJECT,
]);

/**
 * A literal the validation refused (`from: "10000-01-01"`) is pointed at by position only; the
 * arguments and input fields around that position name it (`filter.from`).
 */
function literalField(error: GraphQLError): string | undefined {
  if (!error.source || !error.positions?.length) return undefined;
  const position = error.positions[0];
  const names: string[] = [];
  let found: string | undefined;
  visit(parse(error.source), {
    enter(node) {
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.push(node.name.value);
      if (VALUE_KINDS.has(node.kind) && node.loc?.start === position && names.length > 0) {
        found = names.join('.');
        return BREAK;
      }
      return undefined;
    },
    leave(node) {
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.pop();
    },
  });
  return found;
}

function withCode(formatted: GraphQLFormattedError, message: string, extensions: Record<string, unknown>): Formatted {
  return {
    message,
    ...(formatted.locations && { locations: formatted.locations }),
    ...(formatted.path && { path: formatted.path }),
    extensions,
  };
}

/**
 * Apollo's `formatError`: gives every error one of the public codes. Errors the code raised on
 * purpose keep theirs (also when Apollo re-wrapped them, as it does validation errors); Apollo's
 * own request errors become BAD_USER_INPUT with the original code as `reason`; PostgreSQL's
 * statement timeout becomes TIMEOUT; anything else is an internal error: logged with the request
 * id and replaced by a generic message, so no SQL, stack or file path reaches the client.
 */
export function createErrorFormatter(
  options: ErrorFormatOptions,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  const classify = (formatted: GraphQLFormattedError, error: unknown): Formatted => {
    const cause = rootCause(error);
    const code = String(formatted.extensions?.code ?? '');
    if (isStatementTimeout(cause)) {
      return withCode(
        formatted,
        `The request ran longer than ${options.statementTimeoutMs} ms and was cancelled; narrow the filter or ask for fewer rows.`,
        {
          code: 'TIMEOUT',
        },
      );
    }
    // Lost mid-request; the process's outage watch, not each request, reports the outage.
    if (isConnectionLoss(cause))
      return withCode(formatted, DATABASE_UNAVAILABLE_MESSAGE, { code: 'DATABASE_UNAVAILABLE', retryAfter: DATABASE_RETRY_SECONDS });
    // Stored text can never hold such a character, so it can only have come from the client.
    if (postgresCode(cause) === CHARACTER_NOT_IN_REPERTOIRE) {
      return withCode(formatted, 'A text value contains a character that cannot be stored or compared, such as \\u0000.', {
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_CHARACTER',
      });
    }
    if (cause instanceof CodedError && CLIENT_CODES.has(cause.code))
      return withCode(formatted, cause.message, { ...cause.details, code: cause.code });
    if (cause instanceof GraphQLError && CLIENT_CODES.has(String(cause.extensions.code))) {
      const { http: _http, ...extensions } = cause.extensions;
      return withCode(formatted, cause.message, extensions);
    }
    if (CLIENT_CODES.has(code)) return withCode(formatted, formatted.message, { ...formatted.extensions, code });
    if (APOLLO_REQUEST_CODES.has(code)) {
      const tooManyTokens = code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitMessage(formatted.message) : null;
      if (tooManyTokens) return withCode(formatted, tooManyTokens, { code: 'QUERY_TOO_COMPLEX', reason: 'MAX_TOKENS' });
      if (formatted.extensions?.validationErrorCode === 'INTROSPECTION_DISABLED') {
        return withCode(formatted, 'Introspection is disabled on this server.', { code: 'FORBIDDEN', reason: 'INTROSPECTION_DISABLED' });
      }
      return withCode(formatted, formatted.message, { code: 'BAD_USER_INPUT', reason: code });
    }
    const requestId = requestIdOfError(error);
    options.logger.error({ err: cause instanceof Error ? cause : formatted, requestId, path: formatted.path, code }, 'internal error');
    return withCode(formatted, INTERNAL_MESSAGE, { code: 'INTERNAL_SERVER_ERROR', requestId });
  };

  return (formatted, error) => {
    const classified = classify(formatted, error);
    const field =
      classified.extensions.code === 'BAD_USER_INPUT' && classified.extensions.field === undefined
        ? ((formatted.extensions?.field as string | undefined) ?? variableField(formatted.message))
        : undefined;
    if (field) classified.extensions.field = field;
    const result = options.hideSuggestions ? { ...classified, message: classified.message.replace(SUGGESTION, '') } : classified;
    if (result.extensions.code !== 'INTERNAL_SERVER_ERROR')
      options.logger.debug({ error: result, requestId: requestIdOfError(error) }, 'graphql error');
    return result;
  };
}

/**
 * Names the argument of a literal that failed validation in `extensions.field`, as the checks of
 * report filters do. Done where the validation errors still carry the document: the errors Apollo
 * hands `formatError` no longer do.
 */
export const literalFieldPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async validationDidStart() {
        return async (errors?: ReadonlyArray<Error>) => {
          for (const error of errors ?? []) {
            if (!(error instanceof GraphQLError)) continue;
            const field = error.extensions.field === undefined ? literalField(error) : undefined;
            if (field) (error.extensions as Record<string, unknown>).field = field;
          }
        };
      },
    };
  },
};
