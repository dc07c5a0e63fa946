import { Database } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { installJobQueue } from '../../src/exports/queue';
import { rebuildConversationFirsts } from '../../src/ingest/derived/conversation-firsts';
import { rebuildIdFloors } from '../../src/ingest/derived/id-floors';
import { rebuildLockSessions } from '../../src/ingest/derived/lock-sessions';
import { rebuildMessageBuckets } from '../../src/ingest/derived/message-buckets';
import { rebuildHumanReplies } from '../../src/ingest/derived/human-replies';
import { rebuildMessageCounts } from '../../src/ingest/derived/message-counts';
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

  /**
   * Applies the report fixture's events newest first, so that most of them wait for what they refer to, one round per batch; then
   * the late events in batches of `lateSizes`, once the derived rows they change exist. Every event ends up applied.
   */
  async function applyNewestFirstThenLate(accountId: string, events: unknown[], late: unknown[], lateSizes: number[]): Promise<void> {
    for (const [batch, batchSizes] of [
      [[...events].reverse(), [9, 23, 40]],
      [late, lateSizes],
    ] as const) {
      const { applied } = await ingestEvents(db, accountId, batch, { batchSizes: [...batchSizes], applyEach: true });
      expect(applied.waiting + applied.rejected).toBe(0);
    }
  }

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
    await applyNewestFirstThenLate(id, events, late, [2, 1]);
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

  const messageCounts = (accountId: string): Promise<Array<Record<string, string | number | null>>> =>
    withTenant(db.owner, accountId, (runner) =>
      runner.query(
        `SELECT to_char(mc.bucket AT TIME ZONE 'UTC', 'HH24:MI') AS bucket, i.external_id AS inbox, ag.external_id AS agent,
                tm.external_id AS team, mc.messages, mc.undeleted
           FROM message_counts mc
           JOIN inboxes i ON i.account_id = mc.account_id AND i.id = mc.inbox_id
           LEFT JOIN agents ag ON ag.account_id = mc.account_id AND ag.id = mc.sender_agent_id
           LEFT JOIN teams tm ON tm.account_id = mc.account_id AND tm.id = mc.team_id
          WHERE mc.account_id = $1
          ORDER BY 1, 2, 3 NULLS FIRST, 4`,
        [accountId],
      ),
    );

  it('message counts, with events in batches out of order, a reply moved to another inbox and agent, a conversation moved and a message deleted', async () => {
    const { id } = await createAccount(db, { name: 'Counts Co', timeZone: 'America/Sao_Paulo' });
    const events = reportFixtureEvents();
    const z3 = events.find((e) => e.type === 'message.created' && e.data.message === 'z3')!;
    const v = events.find((e) => e.type === 'conversation.created' && e.data.conversation === 'V')!;
    // Sent again, later: Bruno's z3 (12:45, W, Vendas) becomes Ana's for Suporte in Y (inbox I); V moves to inbox W; x3 is deleted.
    const late = [
      { ...z3, id: 'late-1', data: { ...z3.data, conversation: 'Y', senderAgent: 'ana', team: 'suporte' } },
      { ...v, id: 'late-2', data: { ...v.data, inbox: 'W' } },
      { id: 'late-3', type: 'message.deleted', occurredAt: '2026-03-10T22:00:00Z', data: { message: 'x3' } },
    ];
    await applyNewestFirstThenLate(id, events, late, [2, 1]);
    const incremental = await messageCounts(id);
    const others = await messageCounts(other.accountId);
    const row = (bucket: string, inbox: string, agent: string | null, team: string | null, messages: number, undeleted: number) => ({
      bucket,
      inbox,
      agent,
      team,
      messages,
      undeleted,
    });
    // Per 15-minute bucket, inbox, sender and team, the fixture's messages but the activity x5 (see test/reports/fixture.ts).
    expect(incremental).toEqual([
      row('02:30', 'W', null, null, 1, 1), // w1
      row('12:00', 'W', null, null, 1, 1), // z1 (the API's template)
      row('12:30', 'W', null, null, 1, 1), // z2
      row('12:45', 'I', 'ana', 'suporte', 1, 1), // z3, moved
      row('13:00', 'I', null, null, 1, 1), // y1
      row('14:00', 'W', null, null, 1, 1), // x1
      row('14:00', 'W', 'bot', null, 1, 1), // x2
      row('14:30', 'W', 'ana', 'suporte', 2, 1), // x3 (deleted) and the private x4
      row('16:00', 'I', null, null, 2, 1), // y2 and y4 (deleted)
      row('16:15', 'I', 'bruno', 'vendas', 1, 1), // y3
      row('19:00', 'W', null, null, 1, 1), // v1, V moved to W
      row('19:00', 'W', 'bot', null, 1, 1), // v2
      row('20:00', 'I', null, null, 1, 1), // u1
      row('20:00', 'I', 'bot', null, 1, 1), // u2
    ]);
    await withTenant(db.owner, id, (runner) => rebuildMessageCounts(runner));
    expect(await messageCounts(id)).toEqual(incremental);
    expect(await messageCounts(other.accountId)).toEqual(others);
    expect(others.length).toBe(14);
  });

  const firsts = (accountId: string): Promise<Array<Record<string, string | null>>> =>
    withTenant(db.owner, accountId, (runner) =>
      runner.query(
        `SELECT c.external_id AS conversation,
                ${['first_inbound_at', 'first_handover_at', 'first_reply_at', 'reply_after_handover_at', 'reply_after_inbound_at']
                  .map((column) => `to_char(f.${column} AT TIME ZONE 'UTC', 'HH24:MI') AS ${column}`)
                  .join(', ')}
           FROM conversation_firsts f
           JOIN conversations c ON c.account_id = f.account_id AND c.id = f.conversation_id
          WHERE f.account_id = $1
          ORDER BY 1`,
        [accountId],
      ),
    );

  it('conversation firsts, with events in batches out of order, a reply moved, a handover sent twice and one added', async () => {
    const { id } = await createAccount(db, { name: 'Firsts Co', timeZone: 'America/Sao_Paulo' });
    const events = reportFixtureEvents();
    const z3 = events.find((e) => e.type === 'message.created' && e.data.message === 'z3')!;
    const handoverX = events.find((e) => e.type === 'conversation.handed_over' && e.data.conversation === 'X')!;
    // Sent again, later: Bruno's reply z3 (12:45) moves from Z to X; X's handover arrives a second time; Z is handed over at 12:40.
    const late = [
      { ...z3, id: 'late-1', data: { ...z3.data, conversation: 'X' } },
      handoverX,
      { ...handoverX, id: 'late-2', occurredAt: '2026-03-10T12:40:00Z', data: { ...handoverX.data, conversation: 'Z' } },
    ];
    await applyNewestFirstThenLate(id, events, late, [1, 2]);
    const incremental = await firsts(id);
    const others = await firsts(other.accountId);
    const row = (conversation: string) => incremental.find((r) => r.conversation === conversation);
    // X: x1 14:00, the bot's handover 14:02, Ana's reply 14:30; z3 (12:45) is its first human reply now, before either start.
    expect(row('X')).toEqual({
      conversation: 'X',
      first_inbound_at: '14:00',
      first_handover_at: '14:02',
      first_reply_at: '12:45',
      reply_after_handover_at: '14:30',
      reply_after_inbound_at: '14:30',
    });
    // Z: z2 12:30, handed over at 12:40, and no human reply left (z1 is a template dispatch).
    expect(row('Z')).toEqual({
      conversation: 'Z',
      first_inbound_at: '12:30',
      first_handover_at: '12:40',
      first_reply_at: null,
      reply_after_handover_at: null,
      reply_after_inbound_at: null,
    });
    // Y: y1 13:00, no handover, Bruno's reply y3 16:20.
    expect(row('Y')).toMatchObject({
      first_inbound_at: '13:00',
      first_handover_at: null,
      first_reply_at: '16:20',
      reply_after_inbound_at: '16:20',
    });
    expect(incremental.map((r) => r.conversation)).toEqual(['U', 'V', 'Wc', 'X', 'Y', 'Z']);
    await withTenant(db.owner, id, (runner) => rebuildConversationFirsts(runner));
    expect(await firsts(id)).toEqual(incremental);
    expect(await firsts(other.accountId)).toEqual(others);
  });

  const lockSessions = (accountId: string): Promise<Array<Record<string, string | null>>> =>
    withTenant(db.owner, accountId, (runner) =>
      runner.query(
        `SELECT c.external_id AS conversation, a.external_id AS agent, e.kind, e.external_id AS event,
                ${['locked_at', 'released_at', 'first_reply_at', 'first_resolution_at']
                  .map((column) => `to_char(s.${column} AT TIME ZONE 'UTC', 'HH24:MI') AS ${column}`)
                  .join(', ')}
           FROM lock_sessions s
           JOIN conversations c ON c.account_id = s.account_id AND c.id = s.conversation_id
           JOIN agents a ON a.account_id = s.account_id AND a.id = s.agent_id
           JOIN conversation_events e ON e.account_id = s.account_id AND e.id = s.lock_event_id
          WHERE s.account_id = $1
          ORDER BY 1, s.locked_at, 2`,
        [accountId],
      ),
    );

  it('lock sessions, with events in batches out of order, a reply moved out of a lock, an unlock, a resolution and a lock added', async () => {
    const { id } = await createAccount(db, { name: 'Locks Co', timeZone: 'America/Sao_Paulo' });
    const events = reportFixtureEvents();
    const y3 = events.find((e) => e.type === 'message.created' && e.data.message === 'y3')!;
    const x3 = events.find((e) => e.type === 'message.created' && e.data.message === 'x3')!;
    const unlock = events.find((e) => e.type === 'conversation.unlocked' && e.data.conversation === 'Y' && e.data.agent === 'ana')!;
    const lock = events.find((e) => e.type === 'conversation.locked' && e.data.conversation === 'X')!;
    const resolution = events.find((e) => e.type === 'conversation.status_changed' && e.data.conversation === 'Y')!;
    // Sent again, later: Bruno's reply y3 (16:20) moves from Y to Z; Ana unlocks Y at 13:11 as well, before her 13:12
    // resolution; Bruno resolves Y at 16:22; Ana locks Z at 18:10 and replies there at 18:15; her X lock arrives twice.
    const late = [
      { ...y3, id: 'late-1', data: { ...y3.data, conversation: 'Z' } },
      { ...unlock, id: 'late-2', occurredAt: '2026-03-10T13:11:00Z' },
      { ...resolution, id: 'late-3', occurredAt: '2026-03-10T16:22:00Z', data: { ...resolution.data, agent: 'bruno', team: 'vendas' } },
      { ...lock, id: 'late-4', occurredAt: '2026-03-10T18:10:00Z', data: { ...lock.data, conversation: 'Z' } },
      { ...x3, id: 'late-5', occurredAt: '2026-03-10T18:15:00Z', data: { ...x3.data, message: 'z4', conversation: 'Z' } },
      lock,
    ];
    await applyNewestFirstThenLate(id, events, late, [1, 2, 3]);
    const incremental = await lockSessions(id);
    const others = await lockSessions(other.accountId);
    const row = (conversation: string, agent: string, lockedAt: string) => ({ conversation, agent, kind: 'locked', locked_at: lockedAt });
    expect(incremental).toMatchObject([
      // x3 at 14:30 (x4 is private), her resolution at 14:40, released at 14:41
      { ...row('X', 'ana', '14:25'), released_at: '14:41', first_reply_at: '14:30', first_resolution_at: '14:40' },
      { ...row('Y', 'bruno', '13:05'), released_at: '13:07', first_reply_at: null, first_resolution_at: null },
      // released at 13:11 now: the 13:12 resolution is after it
      { ...row('Y', 'ana', '13:10'), released_at: '13:11', first_reply_at: null, first_resolution_at: null },
      // y3 is Z's now; Bruno's own resolution at 16:22
      { ...row('Y', 'bruno', '16:15'), released_at: '16:25', first_reply_at: null, first_resolution_at: '16:22' },
      // still held; z3 (12:45) is Bruno's and before it; the bulk resolution at 18:00 is before it and no agent's
      { ...row('Z', 'ana', '18:10'), released_at: null, first_reply_at: '18:15', first_resolution_at: null },
    ]);
    expect(incremental).toHaveLength(5);
    await withTenant(db.owner, id, (runner) => rebuildLockSessions(runner));
    expect(await lockSessions(id)).toEqual(incremental);
    expect(await lockSessions(other.accountId)).toEqual(others);
    expect(others).toHaveLength(4);
  });

  const replies = (accountId: string): Promise<Array<Record<string, string | boolean | null>>> =>
    withTenant(db.owner, accountId, (runner) =>
      runner.query(
        `SELECT c.external_id AS conversation, i.external_id AS inbox, ct.external_id AS contact, m.external_id AS message,
                to_char(r.created_at AT TIME ZONE 'UTC', 'HH24:MI') AS created_at, t.external_id AS team, a.external_id AS agent, r.response,
                to_char(r.first_inbound_at AT TIME ZONE 'UTC', 'HH24:MI') AS first_inbound_at,
                to_char(r.first_handover_at AT TIME ZONE 'UTC', 'HH24:MI') AS first_handover_at,
                to_char(r.reply_after_handover_at AT TIME ZONE 'UTC', 'HH24:MI') AS reply_after_handover_at,
                to_char(r.reply_after_inbound_at AT TIME ZONE 'UTC', 'HH24:MI') AS reply_after_inbound_at
           FROM human_replies r
           JOIN conversations c ON c.account_id = r.account_id AND c.id = r.conversation_id
           JOIN inboxes i ON i.account_id = r.account_id AND i.id = r.inbox_id
           JOIN contacts ct ON ct.account_id = r.account_id AND ct.id = r.contact_id
           JOIN messages m ON m.account_id = r.account_id AND m.id = r.message_id
           LEFT JOIN teams t ON t.account_id = r.account_id AND t.id = r.team_id
           LEFT JOIN agents a ON a.account_id = r.account_id AND a.id = r.sender_agent_id
          WHERE r.account_id = $1
          ORDER BY 1, 4`,
        [accountId],
      ),
    );

  it('human replies, with events in batches out of order, a resolution added, an inbound message moved, a reply added, a conversation moved and a handover added', async () => {
    const { id } = await createAccount(db, { name: 'Responses Co', timeZone: 'America/Sao_Paulo' });
    const events = reportFixtureEvents();
    const z2 = events.find((e) => e.type === 'message.created' && e.data.message === 'z2')!;
    const y3 = events.find((e) => e.type === 'message.created' && e.data.message === 'y3')!;
    const v = events.find((e) => e.type === 'conversation.created' && e.data.conversation === 'V')!;
    // Later: Y is resolved at 16:10, between y2 (16:00) and Bruno's reply y3 (16:20), alone in its round; then the contact message z2
    // (12:30) is sent again into X, and Ana replies in V at 19:30; then, alone, V moves from inbox I to W; last, alone, Y is handed
    // over at 13:02 (its first handover: the replies' copy of its first times follows).
    const late = [
      {
        id: 'late-1',
        type: 'conversation.status_changed',
        occurredAt: '2026-03-10T16:10:00Z',
        data: { conversation: 'Y', status: 'resolved', agent: 'ana', team: 'suporte', resolvedBy: 'agent', trigger: 'human_agent' },
      },
      { ...z2, id: 'late-2', data: { ...z2.data, conversation: 'X' } },
      {
        ...y3,
        id: 'late-3',
        occurredAt: '2026-03-10T19:30:00Z',
        data: { ...y3.data, message: 'v3', conversation: 'V', senderAgent: 'ana', team: 'suporte' },
      },
      { ...v, id: 'late-4', data: { ...v.data, inbox: 'W' } },
      {
        id: 'late-5',
        type: 'conversation.handed_over',
        occurredAt: '2026-03-10T13:02:00Z',
        data: { conversation: 'Y', agent: 'bot', reason: 'Pedido de humano' },
      },
    ];
    await applyNewestFirstThenLate(id, events, late, [1, 2, 1, 1]);
    const incremental = await replies(id);
    const others = await replies(other.accountId);
    // The fixture's human replies are x3, y3 and z3 (x4 is a private note), each a response (the other account's). X: x1 14:00 → x3
    // 14:30, z2 (12:30) now before both. Y: nothing came in between the 16:10 resolution and y3. Z: z3 (12:45) has no contact
    // message left. V: v1 19:00 → v3 19:30, V's contact C2 and, after the move, inbox W.
    expect(others.map((r) => [r.message, r.response, r.first_handover_at])).toEqual([
      ['x3', true, '14:02'],
      ['y3', true, null],
      ['z3', true, null],
    ]);
    // First times: V v1 19:00, handover 19:02, v3 after both; X z2 12:30 now its first inbound message, handover 14:02, x3 after
    // both; Y y1 13:00, handover 13:02, y3 (16:20) after both; Z no inbound message (z1 is a template) and no handover.
    const v3Firsts = {
      first_inbound_at: '19:00',
      first_handover_at: '19:02',
      reply_after_handover_at: '19:30',
      reply_after_inbound_at: '19:30',
    };
    const x3Firsts = {
      first_inbound_at: '12:30',
      first_handover_at: '14:02',
      reply_after_handover_at: '14:30',
      reply_after_inbound_at: '14:30',
    };
    const y3Firsts = {
      first_inbound_at: '13:00',
      first_handover_at: '13:02',
      reply_after_handover_at: '16:20',
      reply_after_inbound_at: '16:20',
    };
    const z3Firsts = { first_inbound_at: null, first_handover_at: null, reply_after_handover_at: null, reply_after_inbound_at: null };
    expect(incremental).toEqual([
      {
        conversation: 'V',
        inbox: 'W',
        contact: 'C2',
        message: 'v3',
        created_at: '19:30',
        team: 'suporte',
        agent: 'ana',
        response: true,
        ...v3Firsts,
      },
      {
        conversation: 'X',
        inbox: 'W',
        contact: 'C1',
        message: 'x3',
        created_at: '14:30',
        team: 'suporte',
        agent: 'ana',
        response: true,
        ...x3Firsts,
      },
      {
        conversation: 'Y',
        inbox: 'I',
        contact: 'C2',
        message: 'y3',
        created_at: '16:20',
        team: 'vendas',
        agent: 'bruno',
        response: false,
        ...y3Firsts,
      },
      {
        conversation: 'Z',
        inbox: 'W',
        contact: 'C1',
        message: 'z3',
        created_at: '12:45',
        team: 'vendas',
        agent: 'bruno',
        response: false,
        ...z3Firsts,
      },
    ]);
    await withTenant(db.owner, id, (runner) => rebuildHumanReplies(runner));
    expect(await replies(id)).toEqual(incremental);
    expect(await replies(other.accountId)).toEqual(others);
  });
});
