import { validateEvent } from '../../src/ingest/validate';

const event = (overrides: Record<string, unknown> = {}, data: Record<string, unknown> = {}) => ({
  id: 'e-1',
  type: 'conversation.status_changed',
  occurredAt: '2026-03-10T14:40:00Z',
  data: { conversation: 'c-1', status: 'resolved', ...data },
  ...overrides,
});

function rejection(raw: unknown) {
  const result = validateEvent(raw, 7);
  if (result.ok) throw new Error('expected a rejection');
  return result.rejection;
}

describe('validateEvent', () => {
  it('accepts a valid event and names its subject and conversation', () => {
    const result = validateEvent(event({ occurredAt: '2026-03-10T11:40:00-03:00' }, { agent: 'a-1' }), 0);
    expect(result).toEqual({
      ok: true,
      event: {
        index: 0,
        id: 'e-1',
        type: 'conversation.status_changed',
        occurredAt: '2026-03-10T11:40:00-03:00',
        data: { conversation: 'c-1', status: 'resolved', agent: 'a-1' },
        subject: 'c-1',
        conversation: 'c-1',
      },
    });
  });

  it.each([
    ['not an object', [1, 2], 'INVALID_EVENT', '$', null],
    ['a null event', null, 'INVALID_EVENT', '$', null],
    ['no id', { ...event(), id: undefined }, 'MISSING_FIELD', '$.id', null],
    ['a numeric id', event({ id: 5 }), 'WRONG_TYPE', '$.id', null],
    ['an unknown type', event({ type: 'conversation.exploded' }), 'UNKNOWN_EVENT_TYPE', '$.type', 'e-1'],
    ['a time without offset', event({ occurredAt: '2026-03-10T14:40:00' }), 'TIMESTAMP_WITHOUT_OFFSET', '$.occurredAt', 'e-1'],
    ['a date only', event({ occurredAt: '2026-03-10' }), 'INVALID_VALUE', '$.occurredAt', 'e-1'],
    ['an unknown envelope field', event({ extra: true }), 'UNKNOWN_FIELD', '$.extra', 'e-1'],
    ['no data', { ...event(), data: undefined }, 'MISSING_FIELD', '$.data', 'e-1'],
    ['a missing data field', event({}, { conversation: undefined }), 'MISSING_FIELD', '$.data.conversation', 'e-1'],
    ['a wrongly typed data field', event({}, { conversation: 12 }), 'WRONG_TYPE', '$.data.conversation', 'e-1'],
    ['a value out of its set', event({}, { status: 'closed' }), 'INVALID_VALUE', '$.data.status', 'e-1'],
    ['an unknown data field', event({}, { colour: 'red' }), 'UNKNOWN_FIELD', '$.data.colour', 'e-1'],
    ['a reference of the wrong type in a nullable field', event({}, { agent: 3 }), 'WRONG_TYPE', '$.data.agent', 'e-1'],
  ])('rejects %s', (_name, raw, code, path, id) => {
    expect(rejection(raw)).toMatchObject({ index: 7, id, code, path });
  });

  it('rejects a NUL character, which PostgreSQL cannot store, at its path', () => {
    expect(rejection(event({}, { comment: 'fine\u0000not' }))).toEqual({
      index: 7,
      id: 'e-1',
      code: 'INVALID_VALUE',
      path: '$.data.comment',
      message: '$.data.comment contains a NUL character (\\u0000), which cannot be stored.',
    });
    expect(rejection(event({ id: 'e\u0000' }))).toMatchObject({ code: 'INVALID_VALUE', path: '$.id' });
  });

  it('rejects a CSAT score outside 1–5 and a nested time without offset by their paths', () => {
    expect(
      rejection({ id: 'x', type: 'conversation.csat_answered', occurredAt: '2026-03-10T15:00:00Z', data: { conversation: 'c', score: 6 } }),
    ).toMatchObject({
      code: 'INVALID_VALUE',
      path: '$.data.score',
    });
    expect(
      rejection({
        id: 'y',
        type: 'agent.upserted',
        occurredAt: '2026-03-10T15:00:00Z',
        data: { agent: 'a', kind: 'human', name: 'Ana', lastSignInAt: '2026-03-10 10:55' },
      }),
    ).toMatchObject({ code: 'INVALID_VALUE', path: '$.data.lastSignInAt' });
    expect(
      rejection({
        id: 'z',
        type: 'agent.upserted',
        occurredAt: '2026-03-10T15:00:00Z',
        data: { agent: 'a', kind: 'human', name: 'Ana', lastSignInAt: '2026-03-10T10:55:00' },
      }),
    ).toMatchObject({ code: 'TIMESTAMP_WITHOUT_OFFSET', path: '$.data.lastSignInAt' });
  });
});
