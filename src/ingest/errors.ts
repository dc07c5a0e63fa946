/**
 * Codes of the ingestion API. They live here, below the edges: the HTTP route and the GraphQL
 * status field both map them, and a connector can raise them without importing either edge.
 */

/** Why one event of a batch was rejected (`rejected[].code`). */
export type EventRejectionCode =
  /** An NDJSON line that is not JSON. */
  | 'MALFORMED_JSON'
  /** Not a JSON object. */
  | 'INVALID_EVENT'
  | 'UNKNOWN_EVENT_TYPE'
  | 'MISSING_FIELD'
  | 'WRONG_TYPE'
  /** Right type, value out of its set, range, length or format. */
  | 'INVALID_VALUE'
  | 'UNKNOWN_FIELD'
  | 'TIMESTAMP_WITHOUT_OFFSET'
  /** Applier: a reference still unknown after INGEST_WAIT_TIMEOUT_SECONDS (never guessed, never applied). */
  | 'UNRESOLVED_REFERENCE'
  /** Applier: the conversation's display id belongs to another conversation. */
  | 'DISPLAY_ID_TAKEN'
  /** Applier: the database refused what the event's data makes (a value out of a column's range); found alone, so its batch still applies. */
  | 'APPLY_FAILED';

export interface EventRejection {
  /** Position of the event in the batch (0-based). */
  index: number;
  /** The event's id when it had a readable one. */
  id: string | null;
  code: EventRejectionCode;
  /** JSON path of the fault inside the event, e.g. `$.data.status`; `$` for the whole event. */
  path: string;
  message: string;
}

/** Why a whole request was refused; nothing of it is stored. */
export type BatchErrorCode =
  | 'UNAUTHENTICATED'
  /** The key may not ingest (a query key), or an ingest key asked for something else. */
  | 'FORBIDDEN'
  | 'MALFORMED_JSON'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'EMPTY_BATCH'
  | 'BATCH_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

const STATUS: Record<BatchErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  EMPTY_BATCH: 400,
  BATCH_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
};

export class IngestBatchError extends Error {
  readonly status: number;

  constructor(
    readonly code: BatchErrorCode,
    message: string,
    /** Extra machine-readable facts, e.g. `{ reason: 'MAX_EVENTS', limit: 5000 }`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }
}
