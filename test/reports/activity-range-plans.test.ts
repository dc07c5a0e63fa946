import { catalog } from '../../src/catalog';
import { Database } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { rebuildDerived } from '../../src/ingest/derived/rebuild';
import { CompiledQuery, compilePage } from '../../src/reports/compiler';
import { insertRows } from '../support/fixtures';
import { executedPlan, openPlanDatabase, rowsRead, scansOf, utcRangeFilter } from './plans';

/**
 * teams and agent_metrics once joined the range's replied conversations and resolutions with every
 * inbound message, reply and handover of the account up to asOf (at 20,000 conversations: 44,574
 * inbound messages for 8,675 replied conversations, 72,501 messages for 8,322 resolutions; issue 17).
 * They read the conversations' `conversation_firsts` rows instead. Here an account has 50 days of
 * conversations, one every 30 minutes from 2026-01-01 00:00Z (2,400), all in team Suporte, each with,
 * at minutes after its start: 0 inbound · 2 handed over (every other conversation, from the first) ·
 * 5 reply by Ana for Suporte · 8 resolved by Ana for Suporte. The page is for 2026-02-19 (UTC): the
 * last 48 conversations, 96 messages and 72 events, with 2,352 conversations before it. The rows are
 * written directly, then the derived tables rebuilt (test/ingest/derived-rebuild.test.ts checks that
 * a rebuild is what ingestion keeps).
 */
describe('teams and agent_metrics read the range, not the history', () => {
  let db: Database;
  let accountId: string;
  const day = () => utcRangeFilter('2026-02-19T00:00:00Z', '2026-02-20T00:00:00Z');

  beforeAll(async () => {
    const own = await openPlanDatabase('activity_range_plans');
    ({ db, accountId } = own);
    const [agent] = await insertRows(db, accountId, 'agents', [{ kind: 'human', name: 'Ana' }]);
    const [team] = await insertRows(db, accountId, 'teams', [{ name: 'Suporte' }]);
    await withTenant(db.owner, accountId, async (runner) => {
      await runner.query(`INSERT INTO team_members (account_id, team_id, agent_id) VALUES ($1, $2, $3)`, [accountId, team, agent]);
      await runner.query(
        `INSERT INTO conversations (source, external_id, account_id, display_id, inbox_id, contact_id, team_id, status, created_at, updated_at, first_resolved_at)
         SELECT 'test', 'c-' || k, $1, k + 1, $2, $3, $4, 'resolved', t, t, t + interval '8 minutes'
           FROM generate_series(0, 2399) k, LATERAL (SELECT timestamptz '2026-01-01 00:00Z' + k * interval '30 minutes' AS t) s
          ORDER BY k`,
        [accountId, own.inboxId, own.contactId, team],
      );
      await runner.query(
        `INSERT INTO messages (source, external_id, account_id, conversation_id, direction, message_type, origin, sender_contact_id, sender_agent_id,
                               team_id, content, created_at, updated_at)
         SELECT 'test', 'm-' || c.id || '-' || s.minute, c.account_id, c.id, s.direction, 'text',
                CASE s.direction WHEN 'incoming' THEN 'contact' ELSE 'agent' END,
                CASE s.direction WHEN 'incoming' THEN $2::bigint END, CASE s.direction WHEN 'outgoing' THEN $3::bigint END,
                CASE s.direction WHEN 'outgoing' THEN $4::bigint END,
                'Oi', c.created_at + s.minute * interval '1 minute', c.created_at + s.minute * interval '1 minute'
           FROM conversations c, (VALUES (0, 'incoming'), (5, 'outgoing')) s (minute, direction)
          WHERE c.account_id = $1
          ORDER BY c.id, s.minute`,
        [accountId, own.contactId, agent, team],
      );
      await runner.query(
        `INSERT INTO conversation_events (source, external_id, account_id, conversation_id, kind, from_status, to_status, agent_id, team_id, occurred_at)
         SELECT 'test', 'e-' || c.id || '-' || s.minute, c.account_id, c.id, s.kind, s.from_status, s.to_status, $2, $3,
                c.created_at + s.minute * interval '1 minute'
           FROM conversations c, (VALUES (2, 'handed_over', NULL, NULL), (8, 'status_changed', 'open', 'resolved')) s (minute, kind, from_status, to_status)
          WHERE c.account_id = $1 AND (s.kind <> 'handed_over' OR c.display_id % 2 = 1)`,
        [accountId, agent, team],
      );
      await rebuildDerived(runner);
      await runner.query('ANALYZE conversations, messages, conversation_events, conversation_firsts');
    });
  });

  afterAll(async () => {
    await db?.close();
  });

  const reportOf = (key: string) => catalog.find((r) => r.key === key)!;

  async function rowsOf(query: CompiledQuery): Promise<Array<Record<string, unknown>>> {
    return withTenant(db.runtime, accountId, (runner) => runner.query(query.text, query.values));
  }

  it.each([
    {
      key: 'teams',
      // Handed over (24): 5 − 2 = 3 min; the other 24 from the inbound message: 5 min; (24 × 180 + 24 × 300) / 48 = 240 s.
      // Every resolution (48) follows the reply at minute 5, 8 minutes after the inbound message: 480 s.
      fields: ['replies', 'avgFirstResponseTimeSeconds', 'resolvesWithReply', 'resolvesWithoutReply', 'avgResolutionTimeSeconds'],
      expected: {
        replies: 48,
        avgFirstResponseTimeSeconds: 240,
        resolvesWithReply: 48,
        resolvesWithoutReply: 0,
        avgResolutionTimeSeconds: 480,
      },
    },
    {
      key: 'agent_metrics',
      fields: ['userName', 'replies', 'resolvesWithReply', 'resolvesWithoutReply'],
      expected: { userName: 'Ana', replies: 48, resolvesWithReply: 48, resolvesWithoutReply: 0 },
    },
  ])('$key reads the day’s messages and events only', async ({ key, fields, expected }) => {
    const page = compilePage(reportOf(key), day(), { fields, after: null, limit: 101 });
    const rows = await rowsOf(page);
    expect(rows).toHaveLength(1);
    const numbers = Object.fromEntries(
      Object.entries(rows[0]).map(([k, v]) => [k, typeof v === 'string' && k !== 'userName' ? Number(v) : v]),
    );
    expect(numbers).toMatchObject(expected);
    const plan = await executedPlan(db, accountId, page);
    // The day's 48 replies, read once (teams takes the replied conversations' first times from the same rows), and its
    // 72 events, each read at most twice (resolutions and locks), by one range scan each: no lookup per conversation
    // into the 4,704 messages and 3,528 events before the day (before: teams read 432 messages, one index lookup per
    // replied or resolved conversation). The replies come from `human_replies`, not from the day's 96 messages and a
    // conversation per reply.
    expect(rowsRead(plan, 'human_replies')).toBe(48);
    expect(rowsRead(plan, 'messages')).toBe(0);
    expect(rowsRead(plan, 'conversation_events')).toBeLessThanOrEqual(2 * 72);
    const perConversation = ['messages', 'human_replies', 'conversation_events']
      .flatMap((table) => scansOf(plan, table))
      .filter((n) => (n['Actual Loops'] ?? 0) > 1);
    expect(perConversation).toEqual([]);
  });
});
