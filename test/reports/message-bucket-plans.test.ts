import { catalog } from '../../src/catalog';
import { Database } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { rebuildMessageBuckets } from '../../src/ingest/derived/message-buckets';
import { CompiledQuery, compileCount, compilePage } from '../../src/reports/compiler';
import { nodesOf, openPlanDatabase, PlanNode, scansOf, utcRangeFilter } from './plans';

/**
 * chat_summary, chat_conversations_by_hour, contacts and contact_attributes once read every message
 * of their range, joined to its conversation, and sorted them for their distinct counts (3–6 s for
 * 30 days at 200k conversations, issue 17). They now read the 15-minute rollup and only the
 * messages of the partial buckets at the range's edges. Here 2,000 messages, one every 3 minutes
 * from 2026-01-01 00:00Z, go to 200 conversations; the range is [2026-01-02 00:10Z, 2026-01-03
 * 00:10Z): 480 messages, of which the edges [00:10, 00:15) on the 2nd (00:12) and [00:00, 00:10) on
 * the 3rd (00:00, 00:03, 00:06, 00:09) hold 5. The rows live in a database of their own, so that
 * their statistics move no other file's plans.
 */
const DATABASE = 'message_bucket_plans';
const REPORTS = ['chat_summary', 'chat_conversations_by_hour', 'contacts', 'contact_attributes'];

describe('the rollup reports read the messages of their edges only', () => {
  let db: Database;
  let accountId: string;
  const filter = utcRangeFilter('2026-01-02T00:10:00Z', '2026-01-03T00:10:00Z');

  beforeAll(async () => {
    const own = await openPlanDatabase(DATABASE);
    ({ db, accountId } = own);
    const { inboxId: inbox, contactId: contact } = own;
    await withTenant(db.owner, accountId, async (runner) => {
      await runner.query(
        `INSERT INTO conversations (source, external_id, account_id, display_id, inbox_id, contact_id, status, created_at, updated_at)
         SELECT 'test', 'c-' || k, $1, k, $2, $3, 'open', '2026-01-01Z', '2026-01-01Z' FROM generate_series(1, 200) k`,
        [accountId, inbox, contact],
      );
      await runner.query(
        `INSERT INTO messages (source, external_id, account_id, conversation_id, direction, message_type, origin, sender_contact_id, content,
                               created_at, updated_at)
         SELECT 'test', 'm-' || k, $1, c.ids[k % 200 + 1], CASE WHEN k % 2 = 0 THEN 'incoming' ELSE 'outgoing' END, 'text',
                CASE WHEN k % 2 = 0 THEN 'contact' ELSE 'agent' END, CASE WHEN k % 2 = 0 THEN $2::bigint END, 'Oi',
                timestamptz '2026-01-01 00:00Z' + k * interval '3 minutes', timestamptz '2026-01-01 00:00Z' + k * interval '3 minutes'
           FROM generate_series(0, 1999) k, (SELECT array_agg(id ORDER BY id) AS ids FROM conversations WHERE account_id = $1) c`,
        [accountId, contact],
      );
      await rebuildMessageBuckets(runner);
      await runner.query('ANALYZE conversations, messages, message_buckets');
    });
  });

  afterAll(async () => {
    await db?.close();
  });

  async function planOf(query: CompiledQuery, verbose = false): Promise<PlanNode> {
    return withTenant(db.runtime, accountId, async (runner) => {
      // On 2,000 rows PostgreSQL could read the table whole; at scale that way in is priced out.
      await runner.query('SET LOCAL enable_seqscan = off');
      const [row] = await runner.query(`EXPLAIN (ANALYZE, ${verbose ? 'VERBOSE, ' : ''}FORMAT JSON) ${query.text}`, query.values);
      return row['QUERY PLAN'][0].Plan as PlanNode;
    });
  }

  /** Rows the plan's scans of messages read: kept and filtered out, over all their loops. */
  const messagesRead = (plan: PlanNode) =>
    Math.round(
      scansOf(plan, 'messages').reduce(
        (sum, node) => sum + ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1),
        0,
      ),
    );

  it.each(REPORTS)('%s pages read the 5 messages of the edge buckets, not the 480 of the range', async (key) => {
    const report = catalog.find((r) => r.key === key)!;
    const page = compilePage(report, filter, { fields: report.columns.map((c) => c.field), after: null, limit: 101 });
    expect(messagesRead(await planOf(page))).toBe(5);
  });

  it.each(REPORTS)('%s counts read the same 5', async (key) => {
    const report = catalog.find((r) => r.key === key)!;
    expect(messagesRead(await planOf(compileCount(report, filter)))).toBe(5);
  });

  /**
   * The grouping and sort keys that convert a time into the zone (`AT TIME ZONE`, shown as timezone()): each is
   * computed once per row the node reads, here each of the range's 475 rollup rows (one message each).
   */
  const keysConvertingTimes = (plan: PlanNode) =>
    nodesOf(plan)
      .map(({ node }) => node as PlanNode & { 'Group Key'?: string[]; 'Sort Key'?: string[] })
      .flatMap((node) => [...(node['Group Key'] ?? []), ...(node['Sort Key'] ?? [])])
      .filter((key) => key.includes('timezone('));

  it.each(['chat_summary', 'chat_conversations_by_hour'])(
    '%s converts each bucket into the zone once, not each bucket row',
    async (key) => {
      const report = catalog.find((r) => r.key === key)!;
      for (const query of [
        compilePage(report, filter, { fields: report.columns.map((c) => c.field), after: null, limit: 101 }),
        compileCount(report, filter),
      ]) {
        const plan = await planOf(query, true);
        expect(keysConvertingTimes(plan)).toEqual([]);
        // The day's whole buckets [00:15 2nd, 00:00 3rd), converted once each.
        const wholeBuckets = nodesOf(plan).filter(
          ({ node }) => (node as PlanNode & { 'CTE Name'?: string })['CTE Name'] === 'whole_buckets',
        );
        expect(wholeBuckets.map(({ node }) => node['Actual Rows'])).toEqual([95]);
      }
    },
  );
});
