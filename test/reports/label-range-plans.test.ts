import { catalog } from '../../src/catalog';
import { Database } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { compilePage } from '../../src/reports/compiler';
import { nodesOf, openPlanDatabase, PlanNode, rowsRead, utcRangeFilter } from './plans';

/**
 * The tags and topics reports read the label applications of a range and count those whose label
 * is still on the message or conversation. That check once ran as a subquery per application
 * (~240k loops for 30 days at 1M conversations, issue 17), and the range had no index of its own:
 * the indexes lead with the label, so a range over every label walks one index range per label.
 * Here an account has 200 tags and 200 topics and 4,000 applications of each, one every 6 minutes
 * from 2026-01-01 00:00Z (16⅔ days) on 400 conversations of one message each; the page is for
 * 2026-01-05 (UTC): 240 applications. The rows live in a database of their own, so that their
 * statistics move no other file's plans.
 */
const DATABASE = 'label_range_plans';

describe('tags and topics read their range of applications in one pass', () => {
  let db: Database;
  let accountId: string;
  const filter = utcRangeFilter('2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z');
  const cases = [
    { report: 'tags', table: 'message_tags' },
    { report: 'topics', table: 'conversation_topics' },
  ];

  beforeAll(async () => {
    const own = await openPlanDatabase(DATABASE);
    ({ db, accountId } = own);
    const { inboxId: inbox, contactId: contact } = own;
    await withTenant(db.owner, accountId, async (runner) => {
      for (const table of ['tags', 'topics']) {
        await runner.query(
          `INSERT INTO ${table} (source, external_id, account_id, name) SELECT 'test', 'l-' || k, $1, 'label ' || k FROM generate_series(1, 200) k`,
          [accountId],
        );
      }
      await runner.query(
        `INSERT INTO conversations (source, external_id, account_id, display_id, inbox_id, contact_id, status, created_at, updated_at)
         SELECT 'test', 'c-' || k, $1, k, $2, $3, 'open', '2026-01-01Z', '2026-01-01Z' FROM generate_series(1, 400) k`,
        [accountId, inbox, contact],
      );
      await runner.query(
        `INSERT INTO messages (source, external_id, account_id, conversation_id, direction, message_type, origin, sender_contact_id, content,
                               created_at, updated_at)
         SELECT 'test', 'm-' || id, account_id, id, 'incoming', 'text', 'contact', $2, 'Oi', created_at, created_at
           FROM conversations WHERE account_id = $1`,
        [accountId, contact],
      );
      const applications = (table: string, target: string, labels: string, targets: string) =>
        runner.query(
          `INSERT INTO ${table} (source, external_id, account_id, ${target}, ${table === 'message_tags' ? 'tag_id' : 'topic_id'}, applied_at)
           SELECT 'test', 'a-' || k, $1, o.ids[k % 400 + 1], l.ids[k % 200 + 1], timestamptz '2026-01-01 00:00Z' + k * interval '6 minutes'
             FROM generate_series(0, 3999) k,
                  (SELECT array_agg(id ORDER BY id) AS ids FROM ${targets} WHERE account_id = $1) o,
                  (SELECT array_agg(id ORDER BY id) AS ids FROM ${labels} WHERE account_id = $1) l`,
          [accountId],
        );
      await applications('message_tags', 'message_id', 'tags', 'messages');
      await applications('conversation_topics', 'conversation_id', 'topics', 'conversations');
      await runner.query('ANALYZE tags, topics, conversations, messages, message_tags, conversation_topics');
    });
  });

  afterAll(async () => {
    await db?.close();
  });

  async function planOf(key: string, settings: string[] = []): Promise<PlanNode> {
    const report = catalog.find((r) => r.key === key)!;
    const page = compilePage(report, filter, { fields: report.columns.map((c) => c.field), after: null, limit: 101 });
    return withTenant(db.runtime, accountId, async (runner) => {
      for (const setting of settings) await runner.query(setting);
      const [row] = await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${page.text}`, page.values);
      return row['QUERY PLAN'][0].Plan as PlanNode;
    });
  }

  it.each(cases)('$report checks "still applied" without a subplan per application', async ({ report, table }) => {
    // before: a subplan, here hashed over all 4,000 applications, at scale one loop per application
    const subplans = nodesOf(await planOf(report))
      .filter(({ node }) => node['Subplan Name'] && nodesOf(node).some(({ node: n }) => n['Relation Name'] === table))
      .map(({ node }) => node['Actual Loops']);
    expect(subplans).toEqual([]);
  });

  it.each(cases)('$report reads the 240 applications of the day through the (account_id, applied_at) index', async ({ report, table }) => {
    // On 4,000 rows PostgreSQL could read the table whole; that way in is priced out here.
    const plan = await planOf(report, ['SET LOCAL enable_seqscan = off']);
    const rangeScans = nodesOf(plan)
      .map(({ node }) => node)
      .filter((node) => node['Index Name']?.startsWith(`${table}_`) && node['Actual Loops'] === 1);
    expect(rangeScans.map((node) => ({ index: node['Index Name'], rows: node['Actual Rows'] }))).toEqual([
      { index: `${table}_account_id_applied_at_idx`, rows: 240 },
    ]);
  });

  it.each(cases)('$report checks "still applied" for the day’s applications only', async ({ report, table }) => {
    // At scale PostgreSQL priced a probe per application above a hash over every current application of the account;
    // without nested loops that is the plan here too. before: all 4,000 current applications were read (4,240 rows
    // with the day's 240).
    const plan = await planOf(report, ['SET LOCAL enable_seqscan = off', 'SET LOCAL enable_nestloop = off']);
    // The day's 240 applications, then a probe per application of that label's current applications on its target
    // (each pair of message or conversation and label has 10 applications here) until the page's 101st row.
    expect(rowsRead(plan, table)).toBeLessThan(4000);
  });
});
