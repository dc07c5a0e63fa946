import fs from 'node:fs';
import path from 'node:path';
import { EVENT_DEFINITIONS } from '../../src/ingest/events/catalog';
import { INGEST_SCHEMA_DIR, ingestSchemaFiles } from '../../src/ingest/json-schema';
import { validateEvent } from '../../src/ingest/validate';

const dir = path.resolve(__dirname, '../..', INGEST_SCHEMA_DIR);

describe('schema/ingest/*.json', () => {
  it('are exactly the schemas the event definitions make (run `npm run schema:emit` after changing them)', () => {
    const generated = ingestSchemaFiles();
    expect(fs.readdirSync(dir).sort()).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated) expect({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }).toEqual({ name, text });
  });

  it('publish one schema per event type, each with an example the validator accepts', () => {
    expect(EVENT_DEFINITIONS.length).toBe(34);
    for (const definition of EVENT_DEFINITIONS) {
      const schema = JSON.parse(fs.readFileSync(path.join(dir, `${definition.type}.json`), 'utf8'));
      expect(schema.properties.type.const).toBe(definition.type);
      expect(schema.required).toEqual(['id', 'type', 'occurredAt', 'data']);
      const [example] = schema.examples;
      const result = validateEvent(example, 0);
      expect({ type: definition.type, ok: result.ok }).toEqual({ type: definition.type, ok: true });
    }
  });

  it('name every reference a definition resolves as a field of its data', () => {
    for (const definition of EVENT_DEFINITIONS) {
      const fields = Object.keys(definition.data.shape);
      for (const field of [
        definition.subject,
        ...Object.keys(definition.refs),
        ...(definition.conversation ? [definition.conversation] : []),
      ]) {
        expect({ type: definition.type, field, known: fields.includes(field) }).toEqual({ type: definition.type, field, known: true });
      }
    }
  });
});
