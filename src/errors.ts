/**
 * The errors every module raises on purpose, each with a code a client can act on. They know
 * nothing of the edge that reports them: GraphQL maps a code to `extensions.code`, HTTP routes to
 * a status and a JSON body, the command line to a message and an exit code.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'TIMEOUT'
  | 'SERVICE_BUSY'
  | 'EXPORT_QUEUE_FULL'
  | 'DATABASE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/** Extra facts a client may see beside the code, e.g. `field` (the argument at fault) or `reason`. */
export type ErrorDetails = Readonly<Record<string, string | number>>;

export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'CodedError';
  }
}

/** `field` names the argument path at fault, e.g. `filter.from`, so a client can point at it. */
export function badUserInput(message: string, field: string): CodedError {
  return new CodedError('BAD_USER_INPUT', message, { field });
}

export function forbidden(message: string): CodedError {
  return new CodedError('FORBIDDEN', message);
}

export function notFound(message: string): CodedError {
  return new CodedError('NOT_FOUND', message);
}

/** The account already has as many exports waiting as EXPORT_ACCOUNT_MAX_QUEUED allows. */
export function exportQueueFull(maxQueued: number): CodedError {
  return new CodedError(
    'EXPORT_QUEUE_FULL',
    `The account already has ${maxQueued} exports waiting; request more once some have started, or cancel some.`,
    { maxQueued },
  );
}
