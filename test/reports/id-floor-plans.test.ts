import { catalog } from '../../src/catalog';
import { Database } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { compilePage } from '../../src/reports/compiler';
import { insertRows } from '../support/fixtures';
import { openPlanDatabase, PlanNode, scansOf, utcRangeFilter } from './plans';

/**
 * Row-level reports page in id order over a time range. At scale PostgreSQL walks the primary key
 * in that order (measured on 5M messages, issue 17); without a lower bound the walk starts at the
 * account's first row and reads the whole history before the range. Here an account has 50 days
 * of conversations, one every 30 minutes from 2026-01-01 00:00Z (2,400), each with a dispatch at
 * +1 min, an agent reply at +5 min and its first resolution at +10 min, all ids in time order.
 * The page is for 2026-02-19 (UTC): 48 conversations (the last 48), 2,352 before it. The rows
 * live in a database of their own, so that their statistics move no other file's plans.
 */
const DATABASE = 'id_floor_plans';

describe('row-level report pages start their walk at the range', () => {
  let db: Database;
  let accountId: string;
  const filter = () => utcRangeFilter('2026-02-19T00:00:00Z', '2026-02-20T00:00:00Z');

  beforeAll(async () => {
    const own = await openPlanDatabase(DATABASE);
    ({ db, accountId } = own);
    const { inboxId: inbox, contactId: contact } = own;
    const [agent] = await insertRows(db, accountId, 'agents', [{ kind: 'human', name: 'Ana' }]);
    await withTenant(db.owner, accountId, async (runner) => {
      await runner.query(
        `INSERT INTO conversations (source, external_id, account_id, display_id, inbox_id, contact_id, status, created_at, updated_at, first_resolved_at,
                                    resolved_at, resolved_by)
         SELECT 'test', 'c-' || k, $1, k + 1, $2, $3, 'resolved', t, t, t + interval '10 minutes', t + interval '10 minutes', 'agent'
           FROM generate_series(0, 2399) k, LATERAL (SELECT timestamptz '2026-01-01 00:00Z' + k * interval '30 minutes' AS t) s
          ORDER BY k`,
        [accountId, inbox, contact],
      );
      await runner.query(
        `INSERT INTO dispatches (source, external_id, account_id, inbox_id, conversation_id, contact_id, requested_by_agent_id, template_name, content,
                                 recipient_number, requested_at)
         SELECT 'test', 'd-' || id, account_id, inbox_id, id, contact_id, $2, 'oferta', 'Olá', '+5511900000000', created_at + interval '1 minute'
           FROM conversations WHERE account_id = $1 ORDER BY id`,
        [accountId, agent],
      );
      await runner.query(
        `INSERT INTO messages (source, external_id, account_id, conversation_id, direction, message_type, origin, outbound_type, sender_agent_id, content,
                               created_at, updated_at)
         SELECT 'test', 'm-' || id, account_id, id, 'outgoing', 'text', 'agent', 'reply', $2, 'Olá', created_at + interval '5 minutes', created_at + interval '5 minutes'
           FROM conversations WHERE account_id = $1 ORDER BY id`,
        [accountId, agent],
      );
      await runner.query('ANALYZE conversations, dispatches, messages');
    });
  });

  afterAll(async () => {
    await db?.close();
  });

  /**
   * The page's plan with the primary-key walk PostgreSQL picks at scale; on 2,400 rows it would sort
   * instead, so sorting and the other ways in are priced out for this statement only.
   */
  async function walkOf(reportKey: string, primaryKey: string): Promise<PlanNode[]> {
    const report = catalog.find((r) => r.key === reportKey)!;
    const page = compilePage(report, filter(), { fields: report.columns.map((c) => c.field), after: null, limit: 101 });
    const plan = await withTenant(db.runtime, accountId, async (runner) => {
      await runner.query('SET LOCAL enable_sort = off');
      await runner.query('SET LOCAL enable_seqscan = off');
      await runner.query('SET LOCAL enable_bitmapscan = off');
      const [row] = await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${page.text}`, page.values);
      return row['QUERY PLAN'][0].Plan as PlanNode;
    });
    const table = primaryKey.replace(/_pkey$/, '');
    return scansOf(plan, table).filter((scan) => scan['Index Name'] === primaryKey);
  }

  const walked = (scans: PlanNode[]) => scans.map((s) => ({ rows: s['Actual Rows'], skipped: s['Rows Removed by Filter'] ?? 0 }));

  it.each([
    ['messages', 'messages_pkey'],
    ['chat_conversations', 'messages_pkey'],
    ['responses', 'messages_pkey'],
    ['conversations_resolved', 'conversations_pkey'],
    ['chat_engagement', 'dispatches_pkey'],
  ])('%s reads the 48 rows of the day and none of the 2,352 before it', async (report, primaryKey) => {
    expect(walked(await walkOf(report, primaryKey))).toEqual([{ rows: 48, skipped: 0 }]);
  });

  it('keeps a row whose time moves to an earlier hour in the page of that hour', async () => {
    // The last conversation's reply (id order: last) moves from 2026-02-19 23:35Z to 2026-01-01 00:20Z.
    const report = catalog.find((r) => r.key === 'messages')!;
    await withTenant(db.owner, accountId, (runner) =>
      runner.query(
        `UPDATE messages SET created_at = '2026-01-01T00:20:00Z'
          WHERE id = (SELECT max(id) FROM messages WHERE account_id = $1)`,
        [accountId],
      ),
    );
    const day = utcRangeFilter('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z');
    const page = compilePage(report, day, { fields: ['messageId', 'createdAt'], after: null, limit: 101 });
    const rows: Array<{ createdAt: Date }> = await withTenant(db.runtime, accountId, (runner) => runner.query(page.text, page.values));
    // 48 replies of 1 January (00:05Z … 23:35Z) plus the moved one at 00:20Z, last in id order
    expect(rows).toHaveLength(49);
    expect(rows[48].createdAt.toISOString()).toBe('2026-01-01T00:20:00.000Z');
  });
});
