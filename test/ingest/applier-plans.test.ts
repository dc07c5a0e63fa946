import { IngestConfig, loadConfig } from '../../src/config';
import { Sql } from '../../src/db/sql';
import { withTenant } from '../../src/db/tenant-transaction';
import { applyAccount, applyRound } from '../../src/ingest/applier/apply-account';
import { loadBatch, resolveStage } from '../../src/ingest/applier/batch';
import { applyCreatedMessages } from '../../src/ingest/applier/messages';
import { refuseTakenDisplayIds } from '../../src/ingest/applier/conversations';
import { refreshAfterStage, refreshStatistics, rowsWritten } from '../../src/ingest/applier/statistics';
import { startTestApp, TestApp } from '../support/app';
import { createAccount } from '../support/fixtures';
import { storeEvents } from '../support/ingest';
import { nodesOf, PlanNode, rowsRead, scansOf } from '../reports/plans';

const T = '2026-03-10T10:00:00Z';
const CREATIONS = 200;

/** Runs each statement that has a plan under EXPLAIN ANALYZE (so it still does its work) and keeps its plan. */
function explaining(sql: Sql, plans: PlanNode[]): Sql {
  return {
    query: async (text: string, parameters?: unknown[]) => {
      if (!/^\s*(WITH|SELECT|INSERT|UPDATE|DELETE|CREATE TEMP TABLE \S+ ON COMMIT DROP AS)\s/i.test(text))
        return sql.query(text, parameters);
      const rows = await sql.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, parameters);
      plans.push(rows[0]['QUERY PLAN'][0].Plan);
      return rows;
    },
  } as Sql;
}

/** Inbox in-1 and contact ct-1, what a fixture's conversations hang on. */
function inboxAndContact(occurredAt: string) {
  return [
    { id: 'in', type: 'inbox.upserted', occurredAt, data: { inbox: 'in-1', name: 'Inbox', channelType: 'whatsapp', medium: 'WhatsApp' } },
    { id: 'ct', type: 'contact.upserted', occurredAt, data: { contact: 'ct-1', medium: 'WhatsApp', primaryIdentifier: '+5511' } },
  ];
}

/** Conversation c-1 of contact ct-1 in inbox in-1, created at `occurredAt`. */
function oneConversation(occurredAt: string) {
  return [
    ...inboxAndContact(occurredAt),
    { id: 'cv', type: 'conversation.created', occurredAt, data: { conversation: 'c-1', inbox: 'in-1', contact: 'ct-1', displayId: 1 } },
  ];
}

/** Message m-`m` of contact ct-1 in conversation c-1, created by event `id`. */
function contactMessage(m: number, id: string, occurredAt: string, data: Record<string, unknown> = {}) {
  return {
    id,
    type: 'message.created',
    occurredAt,
    data: {
      message: `m-${m}`,
      conversation: 'c-1',
      direction: 'incoming',
      origin: 'contact',
      senderContact: 'ct-1',
      content: `hello ${m}`,
      ...data,
    },
  };
}

describe("the applier's plans", () => {
  let app: TestApp;
  const config: IngestConfig = loadConfig().ingest;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('checks a batch of creations for taken display ids reading the batch once, not once per creation', async () => {
    const account = await createAccount(app.db);
    await storeEvents(app.db, account.id, [
      {
        id: 'in',
        type: 'inbox.upserted',
        occurredAt: T,
        data: { inbox: 'in-1', name: 'Inbox', channelType: 'whatsapp', medium: 'WhatsApp' },
      },
      { id: 'ct', type: 'contact.upserted', occurredAt: T, data: { contact: 'ct-1', medium: 'WhatsApp', primaryIdentifier: '+5511' } },
    ]);
    await applyAccount(app.db.owner, account.id, config);
    // Display ids 1…200, and one more creation that asks for display id 7 again.
    const creations = Array.from({ length: CREATIONS }, (_, i) => ({
      id: `cv-${i + 1}`,
      type: 'conversation.created',
      occurredAt: T,
      data: { conversation: `c-${i + 1}`, inbox: 'in-1', contact: 'ct-1', displayId: i + 1 },
    }));
    creations.push({
      ...creations[6],
      id: 'cv-late',
      occurredAt: '2026-03-10T11:00:00Z',
      data: { ...creations[6].data, conversation: 'c-late' },
    });
    await storeEvents(app.db, account.id, creations);

    const plans: PlanNode[] = [];
    const refused = await withTenant(app.db.owner, account.id, async (runner) => {
      const sql = runner.manager;
      await loadBatch(sql, account.id, { pending: 1000, waiting: 1000 });
      await resolveStage(sql, account.id, 3);
      await refuseTakenDisplayIds(explaining(sql, plans), account.id);
      return sql.query(`SELECT subject, reject_code FROM ingest_batch WHERE NOT ok ORDER BY subject`);
    });

    // Only the later creation asking for display id 7, held by c-7 since 10:00, is refused.
    expect(refused).toEqual([{ subject: 'c-late', reject_code: 'DISPLAY_ID_TAKEN' }]);
    const batchScans = plans.flatMap((plan) => scansOf(plan, 'ingest_batch'));
    expect(batchScans.length).toBeGreaterThan(0);
    for (const scan of batchScans) expect(scan['Actual Loops']).toBe(1);
  });

  it('analyzes between stages a table that a bulk batch outnumbers, even when its new rows reuse the space of old ones', async () => {
    const owner = app.db.owner;
    await owner.query('CREATE TABLE stats_probe (id int)');
    // 60,000 rows, all but the last deleted and vacuumed: the table keeps its pages, and its statistics say one row.
    await owner.query('INSERT INTO stats_probe SELECT generate_series(1, 60000)');
    await owner.query('DELETE FROM stats_probe WHERE id < 60000');
    await owner.query('VACUUM stats_probe');
    await owner.query('ANALYZE stats_probe');
    const estimate = async (sql: Sql) =>
      Number((await sql.query(`SELECT reltuples FROM pg_class WHERE relname = 'stats_probe'`))[0].reltuples);
    const [before, small, bulk] = await owner.transaction(async (sql) => {
      // A round's stage fills the free space again: neither the page count nor the (not yet reported) change counters move.
      await sql.query('INSERT INTO stats_probe SELECT generate_series(1, 59999)');
      const first = await estimate(sql);
      await refreshStatistics(sql, ['stats_probe'], 1, 5_000);
      const afterSmall = await estimate(sql);
      await refreshStatistics(sql, ['stats_probe'], 1, 60_000);
      return [first, afterSmall, await estimate(sql)];
    });
    await owner.query('DROP TABLE stats_probe');
    expect(before).toBe(1);
    // A 5,000-event round does not analyze it; a 60,000-event one does, and then plans for its 60,000 rows.
    expect(small).toBe(1);
    expect(bulk).toBe(60_000);
  });

  it('analyzes between stages only the tables the stage wrote', async () => {
    const owner = app.db.owner;
    const [a, b] = ['stage_probe_a', 'stage_probe_b'];
    for (const table of [a, b]) {
      await owner.query(`CREATE TABLE ${table} (id int) WITH (autovacuum_enabled = false)`);
      await owner.query(`INSERT INTO ${table} VALUES (0)`);
      await owner.query(`ANALYZE ${table}`);
    }
    // b grows to 30,000 rows before the round, unanalyzed: its statistics still say one row.
    await owner.query(`INSERT INTO ${b} SELECT generate_series(1, 29999)`);
    const estimate = async (sql: Sql, table: string) =>
      Number((await sql.query(`SELECT reltuples FROM pg_class WHERE relname = $1`, [table]))[0].reltuples);
    const estimates = await owner.transaction(async (sql) => {
      // The backend's counts include b's rows of the transaction before until they are reported: the round looks first.
      const written = await rowsWritten(sql, [a, b]);
      // The first stage fills a (1 + 29,999 rows): a is analyzed; b, which no stage wrote, is not, though the bulk batch
      // outnumbers the one row its statistics describe.
      await sql.query(`INSERT INTO ${a} SELECT generate_series(1, 29999)`);
      await refreshAfterStage(sql, 100_000, written, [a, b]);
      const first = [await estimate(sql, a), await estimate(sql, b)];
      // The next stage updates one row of b: b is analyzed now (30,000 rows).
      await sql.query(`UPDATE ${b} SET id = -1 WHERE id = 0`);
      await refreshAfterStage(sql, 100_000, written, [a, b]);
      return [...first, await estimate(sql, b)];
    });
    for (const table of [a, b]) await owner.query(`DROP TABLE ${table}`);
    expect(estimates).toEqual([30_000, 1, 30_000]);
  });

  it("looks each conversation, sender and team that a round's new messages name up once, not once per message", async () => {
    const account = await createAccount(app.db);
    await storeEvents(app.db, account.id, [
      {
        id: 'in',
        type: 'inbox.upserted',
        occurredAt: T,
        data: { inbox: 'in-1', name: 'Inbox', channelType: 'whatsapp', medium: 'WhatsApp' },
      },
      ...[1, 2].map((n) => ({
        id: `ct-${n}`,
        type: 'contact.upserted',
        occurredAt: T,
        data: { contact: `ct-${n}`, medium: 'WhatsApp', primaryIdentifier: `+551190000000${n}` },
      })),
      { id: 'ag', type: 'agent.upserted', occurredAt: T, data: { agent: 'ag-1', kind: 'human', name: 'Ana' } },
      { id: 'tm', type: 'team.upserted', occurredAt: T, data: { team: 'tm-1', name: 'Suporte' } },
      ...[1, 2].map((n) => ({
        id: `cv-${n}`,
        type: 'conversation.created',
        occurredAt: T,
        data: { conversation: `c-${n}`, inbox: 'in-1', contact: `ct-${n}`, displayId: n },
      })),
    ]);
    await applyAccount(app.db.owner, account.id, config);
    // 20 new messages, 10 in each conversation: there, 5 from its contact and 5 from agent ag-1 of team tm-1.
    await storeEvents(
      app.db,
      account.id,
      Array.from({ length: 20 }, (_, i) => {
        const conversation = i < 10 ? 1 : 2;
        const fromAgent = i % 2 === 0;
        return {
          id: `mc-${i}`,
          type: 'message.created',
          occurredAt: `2026-03-10T10:${String(i + 1).padStart(2, '0')}:00Z`,
          data: {
            message: `m-${i}`,
            conversation: `c-${conversation}`,
            content: `message ${i}`,
            ...(fromAgent
              ? { direction: 'outgoing', origin: 'agent', senderAgent: 'ag-1', team: 'tm-1' }
              : { direction: 'incoming', origin: 'contact', senderContact: `ct-${conversation}` }),
          },
        };
      }),
    );
    const plans: PlanNode[] = [];
    const named = await withTenant(app.db.owner, account.id, async (runner) => {
      const sql = runner.manager;
      await loadBatch(sql, account.id, { pending: 1000, waiting: 1000 });
      await resolveStage(sql, account.id, 4);
      await applyCreatedMessages(explaining(sql, plans), account.id);
      return sql.query(
        `SELECT count(*)::int AS messages, count(DISTINCT c.external_id)::int AS conversations,
                count(*) FILTER (WHERE a.external_id = 'ag-1' AND t.external_id = 'tm-1')::int AS from_agent,
                count(*) FILTER (WHERE ct.external_id = 'ct-' || right(c.external_id, 1))::int AS from_own_contact
           FROM messages m JOIN conversations c ON c.account_id = m.account_id AND c.id = m.conversation_id
           LEFT JOIN agents a ON a.account_id = m.account_id AND a.id = m.sender_agent_id
           LEFT JOIN teams t ON t.account_id = m.account_id AND t.id = m.team_id
           LEFT JOIN contacts ct ON ct.account_id = m.account_id AND ct.id = m.sender_contact_id
          WHERE m.account_id = $1`,
        [account.id],
      );
    });
    expect(named).toEqual([{ messages: 20, conversations: 2, from_agent: 10, from_own_contact: 10 }]);
    // One lookup per distinct value named, where a lookup per message made 20 of each table.
    const loops = (table: string) =>
      plans.flatMap((plan) => scansOf(plan, table)).reduce((sum, scan) => sum + (scan['Actual Loops'] ?? 1), 0);
    expect({ conversations: loops('conversations'), agents: loops('agents'), contacts: loops('contacts'), teams: loops('teams') }).toEqual({
      conversations: 2,
      agents: 1,
      contacts: 2,
      teams: 1,
    });
    // Each message the insert writes reads its ids by key from the looked-up values (one probe per message and reference
    // field: 20 × 4): held in one jsonb object per field, a read copied the object, so a round cost its messages times
    // its conversations.
    const probes = plans
      .filter((plan) => plan['Relation Name'] === 'messages')
      .flatMap((plan) => scansOf(plan, 'ingest_message_references'));
    expect(probes.reduce((sum, scan) => sum + (scan['Actual Loops'] ?? 1), 0)).toBe(20 * 4);
  });

  it('writes no row of a message that a re-sent history leaves as it was', async () => {
    const account = await createAccount(app.db);
    const at = (minute: number) => `2026-03-10T10:${String(minute).padStart(2, '0')}:00Z`;
    const creation = (m: number, id: string, minute: number, data: Record<string, unknown> = {}) => contactMessage(m, id, at(minute), data);
    const history = [
      ...oneConversation(at(0)),
      ...Array.from({ length: 20 }, (_, m) => creation(m, `mc-${m}`, m + 1)),
      { id: 'ed', type: 'message.updated', occurredAt: at(30), data: { message: 'm-1', content: 'edited' } },
      { id: 'dl', type: 'message.delivery_changed', occurredAt: at(31), data: { message: 'm-2', status: 'read' } },
    ];
    await storeEvents(app.db, account.id, history);
    await applyAccount(app.db.owner, account.id, config);
    // The history again under new event ids (a reconcile), all but two as they were: m-3 is created again later with
    // another content, m-5 later as private.
    await storeEvents(
      app.db,
      account.id,
      history.map((event) => {
        if (event.id === 'mc-3') return creation(3, 'again-mc-3', 40, { content: 'corrected' });
        if (event.id === 'mc-5') return creation(5, 'again-mc-5', 41, { private: true });
        return { ...event, id: `again-${event.id}` };
      }),
    );
    const written = await withTenant(app.db.owner, account.id, async (runner) => {
      const sql = runner.manager;
      const before = (await rowsWritten(sql, ['messages'])).get('messages') ?? 0;
      const outcome = await applyRound(sql, account.id, config, { pending: 1000, waiting: 1000 });
      expect(outcome).toMatchObject({ taken: 25, applied: 25, waiting: 0, rejected: 0 });
      return ((await rowsWritten(sql, ['messages'])).get('messages') ?? 0) - before;
    });
    // m-5's creation changes the row (private) and its last update (10:41); m-3's changes its content and last update
    // (10:40): 3 row writes. The other 18 messages keep their values and are not written (40 writes before: each
    // message twice, by its creation and by the recomputation of its content and times).
    expect(written).toBe(3);
    const rows = await app.db.owner.query(
      `SELECT external_id, content, private, created_at, updated_at, read_at FROM messages
        WHERE account_id = $1 AND external_id IN ('m-1', 'm-2', 'm-3', 'm-5') ORDER BY external_id`,
      [account.id],
    );
    expect(rows).toEqual([
      { external_id: 'm-1', content: 'edited', private: false, created_at: new Date(at(2)), updated_at: new Date(at(30)), read_at: null },
      {
        external_id: 'm-2',
        content: 'hello 2',
        private: false,
        created_at: new Date(at(3)),
        updated_at: new Date(at(31)),
        read_at: new Date(at(31)),
      },
      {
        external_id: 'm-3',
        content: 'corrected',
        private: false,
        created_at: new Date(at(4)),
        updated_at: new Date(at(40)),
        read_at: null,
      },
      { external_id: 'm-5', content: 'hello 5', private: true, created_at: new Date(at(6)), updated_at: new Date(at(41)), read_at: null },
    ]);
  });

  it('writes a new message once, with the edits, deletion and deliveries of its batch', async () => {
    const account = await createAccount(app.db);
    const at = (minute: number) => `2026-03-10T11:${String(minute).padStart(2, '0')}:00Z`;
    const events = [
      ...oneConversation(at(0)),
      // m-4's receipt is logged before its message: it waits for nothing, since both are in one batch.
      { id: 'early', type: 'message.delivery_changed', occurredAt: at(40), data: { message: 'm-4', status: 'delivered' } },
      ...Array.from({ length: 10 }, (_, m) => contactMessage(m, `mc-${m}`, at(m + 1))),
      { id: 'ed', type: 'message.updated', occurredAt: at(30), data: { message: 'm-1', content: 'edited' } },
      { id: 'dv', type: 'message.delivery_changed', occurredAt: at(31), data: { message: 'm-2', status: 'delivered' } },
      { id: 'rd', type: 'message.delivery_changed', occurredAt: at(32), data: { message: 'm-2', status: 'read' } },
      { id: 'dl', type: 'message.deleted', occurredAt: at(33), data: { message: 'm-3' } },
    ];
    await storeEvents(app.db, account.id, events);
    const written = await withTenant(app.db.owner, account.id, async (runner) => {
      const sql = runner.manager;
      const before = (await rowsWritten(sql, ['messages'])).get('messages') ?? 0;
      const outcome = await applyRound(sql, account.id, config, { pending: 1000, waiting: 1000 });
      expect(outcome).toMatchObject({ taken: events.length, applied: events.length, waiting: 0, rejected: 0 });
      return ((await rowsWritten(sql, ['messages'])).get('messages') ?? 0) - before;
    });
    // 10 inserts; before, m-1 to m-4 were written again by the recomputation of their content and times (14 writes).
    expect(written).toBe(10);
    const rows = await app.db.owner.query(
      `SELECT external_id, content, created_at, updated_at, deleted_at, delivery_status, delivered_at, read_at FROM messages
        WHERE account_id = $1 AND external_id IN ('m-0', 'm-1', 'm-2', 'm-3', 'm-4') ORDER BY external_id`,
      [account.id],
    );
    const row = (m: number, content: string, updated: number, extra: Record<string, unknown> = {}) => ({
      external_id: `m-${m}`,
      content,
      created_at: new Date(at(m + 1)),
      updated_at: new Date(at(updated)),
      deleted_at: null,
      delivery_status: null,
      delivered_at: null,
      read_at: null,
      ...extra,
    });
    expect(rows).toEqual([
      row(0, 'hello 0', 1),
      row(1, 'edited', 30),
      row(2, 'hello 2', 32, { delivery_status: 'read', delivered_at: new Date(at(31)), read_at: new Date(at(32)) }),
      row(3, 'hello 3', 33, { deleted_at: new Date(at(33)) }),
      row(4, 'hello 4', 40, { delivery_status: 'delivered', delivered_at: new Date(at(40)) }),
    ]);
  });

  it("plans a round's per-conversation rollups on the number of conversations it touched", async () => {
    const account = await createAccount(app.db);
    const conversations = 300;
    const at = (second: number) => new Date(Date.parse('2026-03-10T12:00:00Z') + second * 1000).toISOString();
    await storeEvents(app.db, account.id, [
      ...inboxAndContact(at(0)),
      ...Array.from({ length: conversations }, (_, n) => [
        {
          id: `cv-${n}`,
          type: 'conversation.created',
          occurredAt: at(n),
          data: { conversation: `c-${n}`, inbox: 'in-1', contact: 'ct-1', displayId: n + 1 },
        },
        {
          id: `mc-${n}`,
          type: 'message.created',
          occurredAt: at(n),
          data: {
            message: `m-${n}`,
            conversation: `c-${n}`,
            direction: 'incoming',
            origin: 'contact',
            senderContact: 'ct-1',
            content: 'oi',
          },
        },
        { id: `op-${n}`, type: 'conversation.status_changed', occurredAt: at(n + 1), data: { conversation: `c-${n}`, status: 'open' } },
      ]).flat(),
    ]);
    const touched = [
      'ingest_bucket_conversations',
      'ingest_firsts_conversations',
      'ingest_lock_conversations',
      'ingest_human_replies_conversations',
    ];
    const plans: PlanNode[] = [];
    const conversationStatements: PlanNode[] = [];
    await withTenant(app.db.owner, account.id, async (runner) => {
      const sql = runner.manager;
      const rollups: Sql = {
        query: async (text: string, parameters?: unknown[]) => {
          const rollup = /^\s*(WITH written AS \(\s*)?INSERT INTO (message_buckets|conversation_firsts|lock_sessions|human_replies)\s/.test(
            text,
          );
          const ofConversations = /INSERT INTO conversation_events|UPDATE conversations c SET\s+status/.test(text);
          if (!rollup && !ofConversations) return sql.query(text, parameters);
          const rows = await sql.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, parameters);
          (rollup ? plans : conversationStatements).push(rows[0]['QUERY PLAN'][0].Plan);
          return [];
        },
      } as Sql;
      await applyRound(rollups, account.id, config, { pending: 1000, waiting: 1000 });
    });
    expect(plans).toHaveLength(4);
    // Each scan of a touched-conversations table, and the de-duplication of its ids above it, is planned for the 300
    // conversations the round touched. Unanalyzed, the tables were taken for 200 distinct ids (and a scan for as many rows
    // as their pages could hold), so a seed's round, which touches every conversation, looked up each one's messages by index.
    const estimates = plans.flatMap((plan) =>
      nodesOf(plan)
        .filter(({ node }) => touched.includes(String(node['Relation Name'])))
        .flatMap(({ node, ancestors }) => {
          const parent = ancestors[ancestors.length - 1];
          return parent?.['Node Type'] === 'Aggregate' && parent.Plans?.length === 1 ? [node, parent] : [node];
        })
        .map((node) => ({ node: node['Node Type'], estimated: node['Plan Rows'] })),
    );
    expect(estimates.length).toBeGreaterThanOrEqual(4);
    expect(estimates.filter((e) => e.estimated !== conversations)).toEqual([]);
    // The event rows and the status of the 300 conversations, all new, are made from the batch: no log row is read
    // (before, each conversation's events were looked up in the log, twice).
    expect(conversationStatements).toHaveLength(2);
    expect(conversationStatements.map((plan) => rowsRead(plan, 'ingest_events'))).toEqual([0, 0]);
    // Telling the new conversations apart probes them by key: scanned whole per touched conversation, a seed's round took
    // its conversations squared (20,000: 64 s).
    const rescans = conversationStatements
      .flatMap((plan) => scansOf(plan, 'ingest_new_conversations'))
      .filter((scan) => scan['Node Type'] === 'Seq Scan' && (scan['Actual Loops'] ?? 1) > 1);
    expect(rescans).toEqual([]);
    const opened = await app.db.owner.query(
      `SELECT count(*)::int AS conversations, count(*) FILTER (WHERE status = 'open' AND updated_at = created_at + interval '1 second')::int AS opened,
              (SELECT count(*)::int FROM conversation_events e WHERE e.account_id = $1 AND e.kind = 'status_changed' AND e.from_status = 'new') AS events
         FROM conversations WHERE account_id = $1`,
      [account.id],
    );
    expect(opened).toEqual([{ conversations, opened: conversations, events: conversations }]);
  });
});
