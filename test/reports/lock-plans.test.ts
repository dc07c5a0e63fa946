import { catalog } from '../../src/catalog';
import { Database } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { rebuildDerived } from '../../src/ingest/derived/rebuild';
import { CompiledQuery, compilePage } from '../../src/reports/compiler';
import { insertRows } from '../support/fixtures';
import { executedPlan, openPlanDatabase, rowsRead, scansOf, utcRangeFilter } from './plans';

/**
 * teams and agent_metrics once joined each lock of the range with the locking agent's replies and
 * resolutions while it was held (at 100,000 conversations: 61,848 locks in 30 days, 5.6 s of an
 * 11 s teams page; issue 17). They read the locks' `lock_sessions` rows instead, by the time they
 * were taken. Here an account has 50 days of conversations, one every 30 minutes from
 * 2026-01-01 00:00Z (2,400), each locked by Ana (team Suporte) at minute 1 and unlocked at minute 9,
 * with her reply at minute 5 in every other conversation (odd display ids) and at minute 12 in the rest.
 * The page is for 2026-02-19 (UTC): the last 48 conversations, 48 locks, 96 lock events and 48
 * replies. The rows are written directly, then the derived tables rebuilt
 * (test/ingest/derived-rebuild.test.ts checks that a rebuild is what ingestion keeps).
 */
describe('teams and agent_metrics read the range’s locks, not their messages and events', () => {
  let db: Database;
  let accountId: string;
  const day = () => utcRangeFilter('2026-02-19T00:00:00Z', '2026-02-20T00:00:00Z');

  beforeAll(async () => {
    const own = await openPlanDatabase('lock_plans');
    ({ db, accountId } = own);
    const [agent] = await insertRows(db, accountId, 'agents', [{ kind: 'human', name: 'Ana' }]);
    const [team] = await insertRows(db, accountId, 'teams', [{ name: 'Suporte' }]);
    await withTenant(db.owner, accountId, async (runner) => {
      await runner.query(`INSERT INTO team_members (account_id, team_id, agent_id) VALUES ($1, $2, $3)`, [accountId, team, agent]);
      await runner.query(
        `INSERT INTO conversations (source, external_id, account_id, display_id, inbox_id, contact_id, team_id, status, created_at, updated_at)
         SELECT 'test', 'c-' || k, $1, k + 1, $2, $3, $4, 'open', t, t
           FROM generate_series(0, 2399) k, LATERAL (SELECT timestamptz '2026-01-01 00:00Z' + k * interval '30 minutes' AS t) s
          ORDER BY k`,
        [accountId, own.inboxId, own.contactId, team],
      );
      await runner.query(
        `INSERT INTO messages (source, external_id, account_id, conversation_id, direction, message_type, origin, sender_agent_id,
                               team_id, content, created_at, updated_at)
         SELECT 'test', 'm-' || c.id, c.account_id, c.id, 'outgoing', 'text', 'agent', $2, $3, 'Oi', s.at, s.at
           FROM conversations c,
                LATERAL (SELECT c.created_at + CASE WHEN c.display_id % 2 = 1 THEN 5 ELSE 12 END * interval '1 minute' AS at) s
          WHERE c.account_id = $1
          ORDER BY c.id`,
        [accountId, agent, team],
      );
      await runner.query(
        `INSERT INTO conversation_events (source, external_id, account_id, conversation_id, kind, agent_id, occurred_at)
         SELECT 'test', 'e-' || c.id || '-' || s.minute, c.account_id, c.id, s.kind, $2, c.created_at + s.minute * interval '1 minute'
           FROM conversations c, (VALUES (1, 'locked'), (9, 'unlocked')) s (minute, kind)
          WHERE c.account_id = $1
          ORDER BY c.id, s.minute`,
        [accountId, agent],
      );
      await rebuildDerived(runner);
      await runner.query('ANALYZE conversations, messages, conversation_events, lock_sessions');
    });
  });

  afterAll(async () => {
    await db?.close();
  });

  const reportOf = (key: string) => catalog.find((r) => r.key === key)!;

  async function rowsOf(query: CompiledQuery): Promise<Array<Record<string, unknown>>> {
    return withTenant(db.runtime, accountId, (runner) => runner.query(query.text, query.values));
  }

  // Of the day's 48 locks (8 minutes = 480 s each), the 24 of odd display id hold the reply: handle 24 × 480 = 11,520 s over 24 conversations, 480 s on average; the other 24 are cherry-picking, 11,520 s.
  const expected = {
    replies: 48,
    totalHandleTimeSeconds: 11520,
    totalNoReplyTimeSeconds: 0,
    totalCherryPickingTimeSeconds: 11520,
    avgHandleTimeSeconds: 480,
  };

  it.each(['teams', 'agent_metrics'])('%s reads the day’s lock rows only', async (key) => {
    const page = compilePage(reportOf(key), day(), { fields: Object.keys(expected), after: null, limit: 101 });
    const rows = await rowsOf(page);
    expect(rows).toHaveLength(1);
    const numbers = Object.fromEntries(Object.keys(expected).map((field) => [field, Number(rows[0][field])]));
    expect(numbers).toEqual(expected);
    const plan = await executedPlan(db, accountId, page);
    // The day's 48 lock rows, by one range scan.
    expect(rowsRead(plan, 'lock_sessions')).toBe(48);
    expect(scansOf(plan, 'lock_sessions').map((scan) => scan['Actual Loops'])).toEqual([1]);
    // The day's 96 lock events are read once, by the resolutions of the range, and the 48 replies at most twice (replies,
    // replied conversations): no lock is joined with them (before: 192 events read by teams, 288 by agent_metrics: the
    // day's lock events again for the locks, then the agent's events for the resolutions while held).
    expect(rowsRead(plan, 'conversation_events')).toBeLessThanOrEqual(96);
    expect(rowsRead(plan, 'messages')).toBeLessThanOrEqual(2 * 48);
    const perRow = ['messages', 'conversation_events', 'lock_sessions']
      .flatMap((table) => scansOf(plan, table))
      .filter((n) => (n['Actual Loops'] ?? 0) > 1);
    expect(perRow).toEqual([]);
  });
});
