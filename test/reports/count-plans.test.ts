import { catalog } from '../../src/catalog';
import { Database } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { rebuildDerived } from '../../src/ingest/derived/rebuild';
import { CompiledQuery, compileCount, compilePage, ResolvedFilter } from '../../src/reports/compiler';
import { insertRows } from '../support/fixtures';
import { nodesOf, openPlanDatabase, PlanNode, rowsRead, scansOf, utcRangeFilter } from './plans';

/**
 * The counts of the message reports once joined every message of the range to its conversation,
 * inbox and contact (a hash join of all the account's conversations and contacts at scale), then
 * read every message of the range (3M in 30 days at 1M conversations), and the
 * responses count looked up, per reply, the previous reply, the last resolution and the first
 * inbound message (four index scans each: 894,575 replies in 30 days at 1M conversations, issue 17);
 * then it read every reply, inbound message and resolution of each conversation with a reply in the
 * range; it reads `human_replies` now.
 * Here an account has 50 days of conversations, one every 30 minutes from 2026-01-01 00:00Z
 * (2,400), alternately in inboxes A and B, each with, at minutes after its start:
 *   0 inbound · 5 reply (a response) · 6 reply (nothing new: not one) · 8 resolved ·
 *   10 reply (nothing since the resolution: not one) · 12 inbound · 12 reply (a response: an inbound
 *   message at the reply's own instant is answered) · 14 resolved · 14 inbound · 15 reply (not one:
 *   the inbound message is not after the resolution at its instant).
 * That is 8 messages and 2 responses per conversation; every fourth conversation is open again, the
 * others resolved, all first resolved at minute 8. The count is for 2026-02-19 (UTC): the last 48
 * conversations, 384 messages and 96 responses (half of each in inbox A), with 2,352 conversations
 * before it. The rows live in a database of their own, so that their statistics move
 * no other file's plans.
 */
const DATABASE = 'count_plans';

describe('counts read the range without per-row lookups or whole-history joins', () => {
  let db: Database;
  let accountId: string;
  let inboxA: string;
  let agent: string;
  const day = () => utcRangeFilter('2026-02-19T00:00:00Z', '2026-02-20T00:00:00Z');

  beforeAll(async () => {
    const own = await openPlanDatabase(DATABASE);
    ({ db, accountId, inboxId: inboxA } = own);
    const [inboxB] = await insertRows(db, accountId, 'inboxes', [
      { name: 'WA 2', display_name: 'WhatsApp 2', channel_type: 'whatsapp', medium: 'WhatsApp' },
    ]);
    [agent] = await insertRows(db, accountId, 'agents', [{ kind: 'human', name: 'Ana' }]);
    await withTenant(db.owner, accountId, async (runner) => {
      await runner.query(
        `INSERT INTO conversations (source, external_id, account_id, display_id, inbox_id, contact_id, status, created_at, updated_at, first_resolved_at)
         SELECT 'test', 'c-' || k, $1, k + 1, CASE WHEN k % 2 = 0 THEN $2 ELSE $3 END::bigint, $4, CASE WHEN k % 4 = 0 THEN 'open' ELSE 'resolved' END,
                t, t, t + interval '8 minutes'
           FROM generate_series(0, 2399) k, LATERAL (SELECT timestamptz '2026-01-01 00:00Z' + k * interval '30 minutes' AS t) s
          ORDER BY k`,
        [accountId, inboxA, inboxB, own.contactId],
      );
      await runner.query(
        `INSERT INTO messages (source, external_id, account_id, conversation_id, direction, message_type, origin, sender_contact_id, sender_agent_id,
                               content, created_at, updated_at)
         SELECT 'test', 'm-' || c.id || '-' || s.minute || s.direction, c.account_id, c.id, s.direction, 'text',
                CASE s.direction WHEN 'incoming' THEN 'contact' ELSE 'agent' END,
                CASE s.direction WHEN 'incoming' THEN $2::bigint END, CASE s.direction WHEN 'outgoing' THEN $3::bigint END,
                'Oi', c.created_at + s.minute * interval '1 minute', c.created_at + s.minute * interval '1 minute'
           FROM conversations c,
                (VALUES (0, 'incoming'), (5, 'outgoing'), (6, 'outgoing'), (10, 'outgoing'), (12, 'incoming'), (12, 'outgoing'),
                        (14, 'incoming'), (15, 'outgoing')) s (minute, direction)
          WHERE c.account_id = $1
          ORDER BY c.id, s.minute, s.direction DESC`,
        [accountId, own.contactId, agent],
      );
      await runner.query(
        `INSERT INTO conversation_events (source, external_id, account_id, conversation_id, kind, from_status, to_status, agent_id, occurred_at)
         SELECT 'test', 'e-' || c.id || '-' || s.minute, c.account_id, c.id, 'status_changed', 'open', 'resolved', $2,
                c.created_at + s.minute * interval '1 minute'
           FROM conversations c, (VALUES (8), (14)) s (minute)
          WHERE c.account_id = $1`,
        [accountId, agent],
      );
      // Written here without the applier: the derived tables the counts read are computed from them as a rebuild does.
      await rebuildDerived(runner);
      await runner.query('ANALYZE conversations, messages, conversation_events, message_counts, human_replies');
    });
  });

  afterAll(async () => {
    await db?.close();
  });

  const reportOf = (key: string) => catalog.find((r) => r.key === key)!;

  async function countOf(query: CompiledQuery): Promise<number> {
    const [row] = await withTenant(db.runtime, accountId, (runner) => runner.query(query.text, query.values));
    return row.count;
  }

  async function planOf(query: CompiledQuery): Promise<PlanNode> {
    return withTenant(db.runtime, accountId, async (runner) => {
      // On 19,200 messages PostgreSQL could read the table whole; at scale that way in is priced out.
      await runner.query('SET LOCAL enable_seqscan = off');
      const [row] = await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`, query.values);
      return row['QUERY PLAN'][0].Plan as PlanNode;
    });
  }

  /** The scans of messages or events inside a subplan, i.e. run once per row of their parent. */
  const perRowLookups = (plan: PlanNode) =>
    nodesOf(plan).filter(
      ({ node, ancestors }) =>
        ['messages', 'conversation_events'].includes(node['Relation Name'] ?? '') &&
        ancestors.some((ancestor) => ancestor['Subplan Name'] !== undefined),
    );

  const inInboxA = (filter: ResolvedFilter): ResolvedFilter => ({ ...filter, inboxIds: [inboxA] });

  it.each([
    // 48 conversations × 8 messages; inbox A holds every other conversation: 24 × 8.
    { key: 'messages', all: 384, inA: 192 },
    { key: 'chat_conversations', all: 384, inA: 192 },
  ])('$key counts its day from the rollup alone', async ({ key, all, inA }) => {
    const count = compileCount(reportOf(key), day());
    expect(await countOf(count)).toBe(all);
    expect(await countOf(compileCount(reportOf(key), inInboxA(day())))).toBe(inA);
    const plan = await planOf(count);
    for (const table of ['conversations', 'inboxes', 'contacts']) expect(scansOf(plan, table)).toEqual([]);
    // The day starts and ends on a bucket boundary: no message. Each conversation fills three rollup rows (its first bucket's
    // inbound messages and Ana's replies, then Ana's minute-15 reply in the next): 48 × 3 = 144 rows, none of the 7,056 before.
    expect(rowsRead(plan, 'messages')).toBe(0);
    expect(rowsRead(plan, 'message_counts')).toBe(144);
  });

  it.each([
    // The day from 00:10: less the first conversation's messages at minutes 0, 5 and 6 (in inbox A, k = 2,352 being even).
    { key: 'messages', all: 384 - 3, inA: 192 - 3, agent: 5 * 48 - 2 },
    { key: 'chat_conversations', all: 384 - 3, inA: 192 - 3, agent: null },
  ])('$key reads only the messages of the partial bucket at an edge', async ({ key, all, inA, agent: byAgent }) => {
    const range = utcRangeFilter('2026-02-19T00:10:00Z', '2026-02-20T00:10:00Z');
    const count = compileCount(reportOf(key), range);
    expect(await countOf(count)).toBe(all);
    expect(await countOf(compileCount(reportOf(key), inInboxA(range)))).toBe(inA);
    // Ana's replies: 5 per conversation (minutes 5, 6, 10, 12, 15), less the first one's at 5 and 6.
    if (byAgent !== null) expect(await countOf(compileCount(reportOf(key), { ...range, agentIds: [agent] }))).toBe(byAgent);
    const plan = await planOf(count);
    // [00:10, 00:15) holds the first conversation's messages at minutes 10, 12 (two) and 14; nothing is on the 20th.
    expect(rowsRead(plan, 'messages')).toBe(4);
    // The first conversation's bucket 00:15 (one row), the other 47 conversations' 3 rows each.
    expect(rowsRead(plan, 'message_counts')).toBe(1 + 47 * 3);
    expect(scansOf(plan, 'conversations')).toEqual([]);
  });

  it.each([
    // First resolved on the day: its 48 conversations, 24 in inbox A.
    { key: 'conversations_resolved', all: 48, inA: 24 },
    // Open (reopened after the resolutions): every fourth of the 2,400, all of them in inbox A (even).
    { key: 'conversations_open', all: 600, inA: 600 },
  ])('$key counts conversations without joining every contact', async ({ key, all, inA }) => {
    const count = compileCount(reportOf(key), day());
    expect(await countOf(count)).toBe(all);
    expect(await countOf(compileCount(reportOf(key), inInboxA(day())))).toBe(inA);
    const plan = await planOf(count);
    for (const table of ['contacts', 'agents', 'teams', 'messages', 'conversation_events']) expect(scansOf(plan, table)).toEqual([]);
  });

  it('responses counts its day from the day’s rows of human_replies alone', async () => {
    const report = reportOf('responses');
    const count = compileCount(report, day());
    // 48 conversations × the replies at minutes 5 and 12; inbox A: 24 × 2.
    expect(await countOf(count)).toBe(96);
    expect(await countOf(compileCount(report, inInboxA(day())))).toBe(48);
    // The page's per-reply lookups find the same rows.
    const page = compilePage(report, day(), { fields: ['outboundMessageId'], after: null, limit: 1000 });
    const rows = await withTenant(db.runtime, accountId, (runner) => runner.query(page.text, page.values));
    expect(rows).toHaveLength(96);
    // The day's 240 replies (48 × 5, 96 of them responses) through the time index, none of the 2,352 × 5 before it; no message,
    // event or conversation; with the inbox filter, the inboxes once (their 2 rows), not a conversation per response.
    for (const [plan, inboxes] of [
      [await planOf(count), 0],
      [await planOf(compileCount(report, inInboxA(day()))), 2],
    ] as const) {
      expect(rowsRead(plan, 'human_replies')).toBe(240);
      for (const table of ['messages', 'conversation_events', 'conversations']) expect(scansOf(plan, table)).toEqual([]);
      expect(rowsRead(plan, 'inboxes')).toBe(inboxes);
      expect(perRowLookups(plan)).toEqual([]);
    }
  });
});
