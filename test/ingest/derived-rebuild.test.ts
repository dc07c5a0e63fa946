import { Database } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { installJobQueue } from '../../src/exports/queue';
import { rebuildIdFloors } from '../../src/ingest/derived/id-floors';
import { rebuildMessageBuckets } from '../../src/ingest/derived/message-buckets';
import { installIngestQueues } from '../../src/ingest/queue';
import { buildReportFixture, reportFixtureEvents, ReportFixture } from '../reports/fixture';
import { createAccount } from '../support/fixtures';
import { ingestEvents } from '../support/ingest';
import { openOwnDatabase } from '../support/own-database';

type Floor = { source: string; hour: string; min_id: string };

/**
 * The report id floors kept by the writers' triggers while the report fixture is applied through
 * ingestion are exactly what a rebuild from the tables computes. In a database of its own, beside
 * a second copy of the fixture in another account, whose floors the rebuild must leave alone.
 */
describe('derived data: rebuild equals incremental', () => {
  let db: Database;
  let f: ReportFixture;
  let other: ReportFixture;

  beforeAll(async () => {
    db = await openOwnDatabase('derived_rebuild');
    await installJobQueue(db.owner);
    await installIngestQueues(db.owner);
    other = await buildReportFixture(db);
    f = await buildReportFixture(db);
  });

  afterAll(async () => {
    await db?.close();
  });

  const floors = (accountId: string): Promise<Floor[]> =>
    withTenant(db.owner, accountId, (runner) =>
      runner.query(
        `SELECT source, to_char(hour, 'YYYY-MM-DD HH24') AS hour, min_id::text FROM report_id_floors WHERE account_id = $1 ORDER BY source, hour`,
        [accountId],
      ),
    );

  it('report id floors', async () => {
    const incremental = await floors(f.accountId);
    const others = await floors(other.accountId);
    // first resolutions at 13:12 (Y), 14:40 (X), 18:00 (Z, bulk), 20:05 (U) on 10 March; dispatches D2 02:30, D1 12:00
    expect(incremental.filter((r) => r.source === 'conversations_resolved').map((r) => r.hour)).toEqual([
      '2026-03-10 13',
      '2026-03-10 14',
      '2026-03-10 18',
      '2026-03-10 20',
    ]);
    expect(incremental.filter((r) => r.source === 'dispatches').map((r) => r.hour)).toEqual(['2026-03-10 02', '2026-03-10 12']);
    await withTenant(db.owner, f.accountId, (runner) => rebuildIdFloors(runner));
    expect(await floors(f.accountId)).toEqual(incremental);
    expect(await floors(other.accountId)).toEqual(others);
    expect(others.length).toBe(incremental.length);
  });

  type Bucket = Record<string, string | number | null>;
  const buckets = (accountId: string): Promise<Bucket[]> =>
    withTenant(db.owner, accountId, (runner) =>
      runner.query(
        `SELECT c.external_id AS conversation, to_char(b.bucket AT TIME ZONE 'UTC', 'DD HH24:MI') AS bucket, i.external_id AS inbox,
                ct.external_id AS contact, b.created, b.public_messages, b.public_incoming, b.public_outgoing, b.messages, b.incoming,
                b.outgoing_public, to_char(b.first_message_at AT TIME ZONE 'UTC', 'DD HH24:MI') AS first_message_at
           FROM message_buckets b
           JOIN conversations c ON c.account_id = b.account_id AND c.id = b.conversation_id
           JOIN inboxes i ON i.account_id = b.account_id AND i.id = b.inbox_id
           JOIN contacts ct ON ct.account_id = b.account_id AND ct.id = b.contact_id
          WHERE b.account_id = $1
          ORDER BY 1, 2`,
        [accountId],
      ),
    );

  it('message buckets, with events in batches out of order, a message and a conversation moved and a message deleted', async () => {
    const { id } = await createAccount(db, { name: 'Buckets Co', timeZone: 'America/Sao_Paulo' });
    const events = reportFixtureEvents();
    const z2 = events.find((e) => e.type === 'message.created' && e.data.message === 'z2')!;
    const v = events.find((e) => e.type === 'conversation.created' && e.data.conversation === 'V')!;
    // Sent again, later: z2 moves from Z to X; V moves to inbox W and Carla; x3 is deleted.
    const late = [
      { ...z2, id: 'late-1', data: { ...z2.data, conversation: 'X' } },
      { ...v, id: 'late-2', data: { ...v.data, inbox: 'W', contact: 'C1' } },
      { id: 'late-3', type: 'message.deleted', occurredAt: '2026-03-10T22:00:00Z', data: { message: 'x3' } },
    ];
    // The fixture newest first, so that most events wait for what they refer to, applied batch by batch; then the moves, and the
    // deletion alone, once the rollup holds the rows they change.
    for (const [batch, batchSizes] of [
      [events.reverse(), [9, 23, 40]],
      [late, [2, 1]],
    ] as const) {
      const { applied } = await ingestEvents(db, id, batch, { batchSizes: [...batchSizes], applyEach: true });
      expect(applied.waiting + applied.rejected).toBe(0);
    }
    const incremental = await buckets(id);
    const others = await buckets(other.accountId);
    // Z keeps its creation with z1 (12:00) and z3 (12:45); z2 (12:30, incoming) is X's now; x3 (14:30) counts only where deleted ones do.
    expect(incremental.filter((b) => b.conversation === 'Z').map((b) => b.bucket)).toEqual(['10 12:00', '10 12:45']);
    expect(incremental.find((b) => b.conversation === 'X' && b.bucket === '10 12:30')).toMatchObject({ public_incoming: 1, incoming: 1 });
    expect(incremental.find((b) => b.conversation === 'X' && b.bucket === '10 14:30')).toMatchObject({
      public_messages: 0,
      messages: 2,
      outgoing_public: 1,
    });
    expect(incremental.filter((b) => b.conversation === 'V').map((b) => [b.inbox, b.contact])).toEqual([['W', 'C1']]);
    await withTenant(db.owner, id, (runner) => rebuildMessageBuckets(runner));
    expect(await buckets(id)).toEqual(incremental);
    expect(await buckets(other.accountId)).toEqual(others);
    expect(incremental.length).toBeGreaterThan(10);
  });
});
