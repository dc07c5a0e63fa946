import { z } from 'zod';
import { EVENT_DEFINITIONS } from './events/catalog';
import type { EventDefinition } from './events/definition';
import { envelopeSchema } from './validate';

/** Where the published schemas live, relative to the repository root. */
export const INGEST_SCHEMA_DIR = 'schema/ingest';

/** The whole event of one type (envelope with its `type` fixed, and its data) as a JSON Schema. */
export function eventJsonSchema(definition: EventDefinition): Record<string, unknown> {
  const event = envelopeSchema.extend({ type: z.literal(definition.type), data: definition.data });
  const schema = z.toJSONSchema(event, { target: 'draft-2020-12' }) as Record<string, unknown>;
  const example = { id: `evt-${definition.type}`, type: definition.type, occurredAt: '2026-03-10T14:00:00Z', data: definition.example };
  return { ...schema, $id: `${definition.type}.json`, title: definition.type, description: definition.description, examples: [example] };
}

/** File name → contents of every published schema, as `npm run schema:emit` writes them. */
export function ingestSchemaFiles(): Map<string, string> {
  return new Map(
    EVENT_DEFINITIONS.map((definition) => [`${definition.type}.json`, JSON.stringify(eventJsonSchema(definition), null, 2) + '\n']),
  );
}
