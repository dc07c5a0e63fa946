import { z } from 'zod';
import type { EventDefinition } from './events/definition';
import { EVENT_TYPES } from './events/catalog';
import { externalId, instant, lacksOffset } from './events/fields';
import type { EventRejection, EventRejectionCode } from './errors';

/** A valid event, ready for the log. */
export interface ValidEvent {
  index: number;
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
  /** External id of the entity the event is about. */
  subject: string;
  /** External id of the conversation whose derived values it feeds, if any. */
  conversation: string | null;
}

export type Validation = { ok: true; event: ValidEvent } | { ok: false; rejection: EventRejection };

/** The envelope every event shares; `data` is checked against its type's definition afterwards. */
export const envelopeSchema = z.strictObject({
  id: externalId().describe('Unique per source: the idempotency key. Sending an id again changes nothing.'),
  type: z.string().min(1).describe('The event type, e.g. conversation.status_changed.'),
  occurredAt: instant().describe('When it happened on the platform, ISO 8601 with an offset.'),
  data: z.record(z.string(), z.unknown()).describe('The facts, shaped by the type.'),
});

function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`), '$');
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function codeOf(issue: z.core.$ZodIssue, value: unknown): EventRejectionCode {
  if (issue.code === 'unrecognized_keys') return 'UNKNOWN_FIELD';
  if (value === undefined) return 'MISSING_FIELD';
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') return 'WRONG_TYPE';
  if (issue.code === 'invalid_format' && lacksOffset(value)) return 'TIMESTAMP_WITHOUT_OFFSET';
  return 'INVALID_VALUE';
}

function reject(index: number, id: string | null, code: EventRejectionCode, path: string, message: string): Validation {
  return { ok: false, rejection: { index, id, code, path, message } };
}

/** The first fault of the event, as a coded rejection with the JSON path of the field at fault. */
function fromIssue(index: number, id: string | null, raw: unknown, issue: z.core.$ZodIssue, prefix: PropertyKey[]): Validation {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const [key] = issue.keys;
    return reject(index, id, 'UNKNOWN_FIELD', jsonPath([...path, key]), `Unknown field "${key}".`);
  }
  const value = valueAt(raw, path);
  const code = codeOf(issue, value);
  const where = jsonPath(path);
  const message =
    code === 'MISSING_FIELD'
      ? `${where} is required.`
      : code === 'TIMESTAMP_WITHOUT_OFFSET'
        ? `${where} has no offset: write it as 2026-03-10T14:00:00Z or with ±hh:mm.`
        : `${where}: ${issue.message}`;
  return reject(index, id, code, where, message);
}

/**
 * PostgreSQL stores no U+0000 in text or jsonb: a string holding one is refused here, at its path,
 * instead of failing the whole batch when it is stored.
 */
function nulCharacterAt(value: unknown, path: PropertyKey[]): PropertyKey[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nulCharacterAt(inner, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found) return found;
  }
  return null;
}

/** Checks one parsed event: the envelope, then its type, then its data against that type's definition. */
export function validateEvent(raw: unknown, index: number): Validation {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return reject(index, null, 'INVALID_EVENT', '$', 'An event is a JSON object with id, type, occurredAt and data.');
  }
  const candidate = raw as Record<string, unknown>;
  const id = typeof candidate.id === 'string' && candidate.id.length > 0 ? candidate.id : null;
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) return fromIssue(index, id, raw, envelope.error.issues[0], []);
  const definition: EventDefinition | undefined = EVENT_TYPES.get(envelope.data.type);
  if (!definition) {
    return reject(index, id, 'UNKNOWN_EVENT_TYPE', '$.type', `Unknown event type "${envelope.data.type}"; schema/ingest/ lists the types.`);
  }
  const data = definition.data.safeParse(envelope.data.data);
  if (!data.success) return fromIssue(index, id, raw, data.error.issues[0], ['data']);
  const values = data.data as Record<string, unknown>;
  const nul = nulCharacterAt({ id: envelope.data.id, data: values }, []);
  if (nul)
    return reject(
      index,
      id,
      'INVALID_VALUE',
      jsonPath(nul),
      `${jsonPath(nul)} contains a NUL character (\\u0000), which cannot be stored.`,
    );
  return {
    ok: true,
    event: {
      index,
      id: envelope.data.id,
      type: definition.type,
      occurredAt: envelope.data.occurredAt,
      data: values,
      subject: values[definition.subject] as string,
      conversation: definition.conversation ? ((values[definition.conversation] as string | null | undefined) ?? null) : null,
    },
  };
}
