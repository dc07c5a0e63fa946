import { IngestBatchError } from './errors';

/** One element of a batch as read from the body: a parsed value or an NDJSON line that is not JSON. */
export type BatchItem = { value: unknown } | { malformed: string };

export type BatchFormat = 'json' | 'ndjson';

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines'];

/** The body format from the Content-Type header (parameters such as charset ignored). */
export function batchFormat(contentType: string | undefined): BatchFormat {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (NDJSON_TYPES.includes(type)) return 'ndjson';
  throw new IngestBatchError(
    'UNSUPPORTED_MEDIA_TYPE',
    'Send events as a JSON array (application/json) or one per line (application/x-ndjson).',
  );
}

function tooMany(count: number, maxEvents: number): IngestBatchError {
  return new IngestBatchError('BATCH_TOO_LARGE', `A batch holds at most ${maxEvents} events; this one has ${count}. Split it.`, {
    reason: 'MAX_EVENTS',
    limit: maxEvents,
  });
}

/**
 * Splits a body into events. A JSON array that does not parse refuses the whole request (there
 * is no telling where one event ends); an NDJSON line that does not parse is rejected alone and
 * the other lines are kept.
 */
export function parseBatch(body: Buffer, format: BatchFormat, maxEvents: number): BatchItem[] {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  let items: BatchItem[];
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new IngestBatchError('MALFORMED_JSON', `The body is not valid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new IngestBatchError('MALFORMED_JSON', 'The body must be a JSON array of events.');
    if (parsed.length > maxEvents) throw tooMany(parsed.length, maxEvents);
    items = parsed.map((value) => ({ value }));
  } else {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    if (lines.length > maxEvents) throw tooMany(lines.length, maxEvents);
    items = lines.map((line) => {
      try {
        return { value: JSON.parse(line) as unknown };
      } catch (error) {
        return { malformed: (error as Error).message };
      }
    });
  }
  if (items.length === 0) throw new IngestBatchError('EMPTY_BATCH', 'The batch holds no events.');
  return items;
}
