import fc from 'fast-check';
import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { installJobQueue } from '../../src/exports/queue';
import { installIngestQueues } from '../../src/ingest/queue';
import { reportFixtureEvents } from '../reports/fixture';
import { createAccount } from '../support/fixtures';
import { domainSnapshot, ingestEvents } from '../support/ingest';

/**
 * The promise the reports rely on: the same set of events, in any order, with any repeats and in
 * any batching, gives the same tables. The fixture's events (every type the reports read) are
 * fed in order once, then shuffled, partly repeated and cut into random batches, applied after
 * each batch so that events wait for references that come later.
 */
describe('applying the same events in any order, repetition and batching', () => {
  let db: Database;
  let inOrder: Record<string, string[]>;
  const events = reportFixtureEvents();

  beforeAll(async () => {
    db = await openDatabase(loadConfig(process.env), () => undefined);
    // pg-boss's schema and the runtime role's grants on it come with the export queue's installation.
    await installJobQueue(db.owner);
    await installIngestQueues(db.owner);
    const account = await createAccount(db);
    await ingestEvents(db, account.id, events);
    inOrder = await domainSnapshot(db, account.id);
  });

  afterAll(async () => {
    await db.close();
  });

  it('the in-order load fills every table the applier writes', () => {
    // 2 inboxes, 3 agents, 17 messages, 17 conversation events, 4 topic and 4 tag applications, 6 presence intervals, 2 dispatches.
    expect(Object.fromEntries(Object.entries(inOrder).map(([table, rows]) => [table, rows.length]))).toEqual({
      inboxes: 2,
      contacts: 2,
      contact_attributes: 3,
      agents: 3,
      teams: 2,
      team_members: 2,
      inbox_members: 3,
      topics: 2,
      tags: 2,
      conversations: 6,
      conversation_events: 19,
      conversation_topics: 4,
      messages: 17,
      message_tags: 4,
      agent_presences: 6,
      dispatches: 2,
    });
  });

  it('gives the same rows for shuffled, repeated and re-batched deliveries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
        fc.array(fc.nat({ max: events.length - 1 }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        async (shuffled, repeats, batchSizes) => {
          const delivery = [...shuffled];
          for (const index of repeats) delivery.splice((index * 7) % delivery.length, 0, events[index]);
          const account = await createAccount(db);
          const { receipts, applied } = await ingestEvents(db, account.id, delivery, { batchSizes, applyEach: true });
          expect(receipts.reduce((sum, r) => sum + r.accepted, 0)).toBe(events.length);
          expect(receipts.reduce((sum, r) => sum + r.duplicates, 0)).toBe(repeats.length);
          expect([applied.waiting, applied.rejected]).toEqual([0, 0]);
          expect(await domainSnapshot(db, account.id)).toEqual(inOrder);
        },
      ),
      { numRuns: 12 },
    );
    // Twelve accounts' worth of applier rounds: well under a minute alone, longer on a busy machine.
  }, 180_000);
});
