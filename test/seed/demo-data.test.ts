import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { DOMAIN_TABLES } from '../../src/ingest/domain-tables';
import { finishDemoSeed, seedDemoData, SeededAccount } from '../../src/seed/demo-data';
import { LOG_WITH_STATES } from '../support/ingest';

// The day New York leaves daylight saving time: local days of 23 and 25 hours are in range.
const NOW = new Date('2026-11-01T12:00:00Z');
const CONVERSATIONS = 40;

/** An invariant of the demo data, and a query listing the rows of accounts $1 that break it ($2 is `now`). */
const VIOLATIONS: Record<string, string> = {
  'no message before its conversation': `
    SELECT m.id FROM messages m JOIN conversations c ON c.account_id = m.account_id AND c.id = m.conversation_id
     WHERE m.account_id = ANY($1) AND m.created_at < c.created_at`,
  'no event before its conversation': `
    SELECT e.id FROM conversation_events e JOIN conversations c ON c.account_id = e.account_id AND c.id = e.conversation_id
     WHERE e.account_id = ANY($1) AND e.occurred_at < c.created_at`,
  'no conversation outside the 60 days before now': `
    SELECT id FROM conversations WHERE account_id = ANY($1) AND (created_at < $2::timestamptz - interval '60 days' OR updated_at > $2)`,
  'no timestamp after now': `
    SELECT id FROM messages WHERE account_id = ANY($1) AND greatest(created_at, updated_at, deleted_at, sent_at, delivered_at, read_at, failed_at) > $2
    UNION ALL SELECT id FROM conversation_events WHERE account_id = ANY($1) AND occurred_at > $2
    UNION ALL SELECT id FROM conversations WHERE account_id = ANY($1) AND greatest(resolved_at, csat_responded_at) > $2
    UNION ALL SELECT id FROM agent_presences WHERE account_id = ANY($1) AND greatest(started_at, ended_at) > $2
    UNION ALL SELECT id FROM dispatches WHERE account_id = ANY($1) AND greatest(requested_at, sent_at, delivered_at, read_at, failed_at) > $2`,
  'resolution columns that agree with the status_changed events': `
    SELECT c.id FROM conversations c
      LEFT JOIN LATERAL (SELECT min(occurred_at) AS first, max(occurred_at) AS last FROM conversation_events e
                          WHERE e.account_id = c.account_id AND e.conversation_id = c.id AND kind = 'status_changed' AND to_status = 'resolved') r ON true
     WHERE c.account_id = ANY($1)
       AND (c.first_resolved_at IS DISTINCT FROM r.first OR c.resolved_at IS DISTINCT FROM r.last
            OR (c.status = 'resolved' AND (c.resolved_by IS NULL OR c.resolve_trigger IS NULL)))`,
  'a status that is the last status change': `
    SELECT c.id FROM conversations c
      LEFT JOIN LATERAL (SELECT to_status FROM conversation_events e WHERE e.account_id = c.account_id AND e.conversation_id = c.id
                            AND kind IN ('status_changed', 'reopened') ORDER BY occurred_at DESC LIMIT 1) last ON true
     WHERE c.account_id = ANY($1) AND c.status <> coalesce(last.to_status, 'new')`,
  'status changes that start where the previous one ended': `
    SELECT id FROM (SELECT id, from_status, lag(to_status) OVER (PARTITION BY conversation_id ORDER BY occurred_at) AS previous
                      FROM conversation_events WHERE account_id = ANY($1) AND kind IN ('status_changed', 'reopened')) x
     WHERE from_status IS DISTINCT FROM coalesce(previous, 'new')`,
  'locks released by the agent who took them, never stacked': `
    SELECT id FROM (SELECT id, kind, agent_id, lag(kind) OVER w AS previous_kind, lag(agent_id) OVER w AS previous_agent
                      FROM conversation_events WHERE account_id = ANY($1) AND kind IN ('locked', 'unlocked')
                    WINDOW w AS (PARTITION BY conversation_id ORDER BY occurred_at)) x
     WHERE (kind = 'unlocked' AND (previous_kind IS DISTINCT FROM 'locked' OR previous_agent <> agent_id)) OR (kind = 'locked' AND previous_kind = 'locked')`,
  'display ids 1..N in creation order': `
    SELECT id FROM (SELECT id, display_id, created_at, row_number() OVER (PARTITION BY account_id ORDER BY created_at, display_id) AS position
                      FROM conversations WHERE account_id = ANY($1)) x WHERE display_id <> position`,
  'delivery receipts in order': `
    SELECT id FROM messages WHERE account_id = ANY($1)
       AND (delivered_at < sent_at OR read_at < delivered_at OR (failed_at IS NOT NULL AND (delivered_at IS NOT NULL OR read_at IS NOT NULL))
            OR (direction = 'incoming' AND delivery_status IS NOT NULL) OR updated_at < created_at)`,
  'presence intervals that never overlap, open only when latest': `
    SELECT id FROM (SELECT id, started_at, ended_at, lead(started_at) OVER (PARTITION BY agent_id ORDER BY started_at) AS next_start
                      FROM agent_presences WHERE account_id = ANY($1)) x
     WHERE next_start < ended_at OR (ended_at IS NULL AND next_start IS NOT NULL)`,
  'dispatches that agree with their conversation and contact': `
    SELECT d.id FROM dispatches d
      JOIN conversations c ON c.account_id = d.account_id AND c.id = d.conversation_id
      JOIN contacts k ON k.account_id = d.account_id AND k.id = d.contact_id
     WHERE d.account_id = ANY($1)
       AND (c.contact_id <> d.contact_id OR k.phone_number IS DISTINCT FROM d.recipient_number OR d.requested_at <> c.created_at
            OR (d.failed_at IS NULL) <> (d.failure_reason IS NULL))`,
  "contacts of their conversation's medium": `
    SELECT c.id FROM conversations c
      JOIN inboxes i ON i.account_id = c.account_id AND i.id = c.inbox_id
      JOIN contacts k ON k.account_id = c.account_id AND k.id = c.contact_id
     WHERE c.account_id = ANY($1) AND i.medium <> k.medium`,
  'agent messages carrying a team of the agent': `
    SELECT m.id FROM messages m WHERE m.account_id = ANY($1) AND m.origin = 'agent'
       AND NOT EXISTS (SELECT 1 FROM team_members t WHERE t.account_id = m.account_id AND t.team_id = m.team_id AND t.agent_id = m.sender_agent_id)`,
};

describe('seedDemoData', () => {
  let db: Database;
  let accounts: SeededAccount[];
  let ids: string[];

  beforeAll(async () => {
    db = await openDatabase(loadConfig(process.env), () => undefined);
    accounts = await seedDemoData(db.owner, { now: NOW, conversationsPerAccount: CONVERSATIONS });
    ids = accounts.map((account) => account.id);
  }, 120_000);

  afterAll(async () => {
    await db.close();
  });

  const query = (sql: string, params: unknown[] = []) => db.owner.query(sql, params);
  // Ids (and the URLs that embed them) differ between two seeds; everything else must not.
  const fingerprint = async (table: string, accountId: string) => {
    const [{ md5 }] = await query(
      `SELECT md5(string_agg(j::text, '|' ORDER BY j::text)) AS md5
         FROM (SELECT to_jsonb(x) - ARRAY(SELECT column_name::text FROM information_schema.columns
                                           WHERE table_schema = 'public' AND table_name = $2 AND (column_name = 'id' OR column_name LIKE '%\\_id' OR column_name = 'url')) AS j
                 FROM ${table} x WHERE account_id = $1) rows`,
      [accountId, table],
    );
    return md5;
  };

  it('adds a Brazilian and an English account in their time zones', () => {
    expect(accounts).toEqual([
      { id: expect.any(String), name: 'Loja Aurora Ltda', locale: 'pt-BR', timeZone: 'America/Sao_Paulo' },
      { id: expect.any(String), name: 'Northwind Support', locale: 'en', timeZone: 'America/New_York' },
    ]);
  });

  it.each(DOMAIN_TABLES)('fills %s for both accounts', async (table) => {
    const rows = await query(
      `SELECT account_id::text AS id, count(*)::int AS count FROM ${table} WHERE account_id = ANY($1) GROUP BY 1 ORDER BY 1`,
      [ids],
    );
    expect(rows.map((row: { id: string }) => row.id)).toEqual(ids);
    expect(rows.every((row: { count: number }) => row.count > 0)).toBe(true);
  });

  it('gives every column a value somewhere in each account', async () => {
    const columns: Array<{ table_name: string; column_name: string }> = await query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ANY($1)`,
      [DOMAIN_TABLES],
    );
    const empty: string[] = [];
    for (const { table_name, column_name } of columns) {
      const rows = await query(
        `SELECT account_id FROM ${table_name} WHERE account_id = ANY($1) GROUP BY 1 HAVING count(${column_name}) = 0`,
        [ids],
      );
      if (rows.length > 0) empty.push(`${table_name}.${column_name}`);
    }
    expect(empty).toEqual([]);
  });

  it('is made by the applier from events: every event applied, every row identified by the demo source', async () => {
    const states = await query(
      `SELECT state, count(*)::int AS count FROM ${LOG_WITH_STATES} WHERE l.account_id = ANY($1) GROUP BY 1 ORDER BY 1`,
      [ids],
    );
    expect(states).toEqual([{ state: 'applied', count: expect.any(Number) }]);
    for (const table of [
      'inboxes',
      'contacts',
      'agents',
      'conversations',
      'conversation_events',
      'messages',
      'message_tags',
      'dispatches',
    ]) {
      const sources = await query(`SELECT DISTINCT source FROM ${table} WHERE account_id = ANY($1)`, [ids]);
      expect({ table, sources }).toEqual({ table, sources: [{ source: 'demo' }] });
    }
  });

  it.each(Object.keys(VIOLATIONS))('has %s', async (name) => {
    const sql = VIOLATIONS[name];
    expect(await query(sql, sql.includes('$2') ? [ids, NOW.toISOString()] : [ids])).toEqual([]);
  });

  it('replays the documented first-response example as conversation 2', async () => {
    for (const id of ids) {
      const timeline = await query(
        `SELECT 'message' AS item, m.origin AS what, extract(epoch FROM m.created_at - c.created_at)::int AS at
           FROM conversations c JOIN messages m ON m.account_id = c.account_id AND m.conversation_id = c.id
          WHERE c.account_id = $1 AND c.display_id = 2
         UNION ALL
         SELECT 'event', e.kind, extract(epoch FROM e.occurred_at - c.created_at)::int
           FROM conversations c JOIN conversation_events e ON e.account_id = c.account_id AND e.conversation_id = c.id
          WHERE c.account_id = $1 AND c.display_id = 2 AND e.kind = 'handed_over'
          ORDER BY at LIMIT 4`,
        [id],
      );
      expect(timeline).toEqual([
        { item: 'message', what: 'contact', at: 0 },
        { item: 'message', what: 'virtual_agent', at: 60 },
        { item: 'event', what: 'handed_over', at: 120 },
        { item: 'message', what: 'agent', at: 1800 },
      ]);
    }
  });

  it('covers every channel, status, resolution, CSAT status and delivery outcome', async () => {
    const values = async (sql: string) => (await query(sql, [ids])).map((row: { v: string }) => row.v);
    expect(await values(`SELECT DISTINCT channel_type AS v FROM inboxes WHERE account_id = ANY($1) ORDER BY 1`)).toEqual([
      'api',
      'email',
      'facebook',
      'instagram',
      'sms',
      'telegram',
      'twitter',
      'web_widget',
      'whatsapp',
    ]);
    expect(await values(`SELECT DISTINCT status AS v FROM conversations WHERE account_id = ANY($1) ORDER BY 1`)).toEqual([
      'new',
      'open',
      'pending',
      'resolved',
    ]);
    expect(
      await values(
        `SELECT DISTINCT resolved_by || '/' || resolve_trigger AS v FROM conversations WHERE account_id = ANY($1) AND resolved_by IS NOT NULL ORDER BY 1`,
      ),
    ).toEqual(['agent/human_agent', 'bulk/human_agent', 'system/auto_resolve', 'system/automation', 'virtual_agent/virtual_agent']);
    expect(
      await values(`SELECT DISTINCT csat_status AS v FROM conversations WHERE account_id = ANY($1) AND csat_status IS NOT NULL ORDER BY 1`),
    ).toEqual(['completed', 'expired', 'sent']);
    expect(
      await values(
        `SELECT DISTINCT delivery_status AS v FROM messages WHERE account_id = ANY($1) AND delivery_status IS NOT NULL ORDER BY 1`,
      ),
    ).toEqual(['delivered', 'failed', 'read', 'sent']);
    expect(await values(`SELECT DISTINCT kind AS v FROM conversation_events WHERE account_id = ANY($1) ORDER BY 1`)).toEqual([
      'assigned',
      'handed_over',
      'locked',
      'reopened',
      'status_changed',
      'unlocked',
    ]);
    expect(
      await values(
        `SELECT DISTINCT handover_due_to_error::text AS v FROM conversation_events WHERE account_id = ANY($1) AND kind = 'handed_over' ORDER BY 1`,
      ),
    ).toEqual(['false', 'true']);
  });

  it('writes values that break naive CSV writers and spreadsheets', async () => {
    const [row] = await query(
      `SELECT count(*) FILTER (WHERE content LIKE '=%') AS equals, count(*) FILTER (WHERE content LIKE '+%') AS plus,
              count(*) FILTER (WHERE content LIKE '-%') AS minus, count(*) FILTER (WHERE content LIKE '@%') AS at,
              count(*) FILTER (WHERE content LIKE E'\\t%') AS tab, count(*) FILTER (WHERE content LIKE E'%\\r\\n%') AS crlf,
              count(*) FILTER (WHERE content LIKE E'%\\n%') AS lf, count(*) FILTER (WHERE content LIKE '%"%') AS quote,
              count(*) FILTER (WHERE content LIKE '%;%') AS semicolon
         FROM messages WHERE account_id = ANY($1)`,
      [ids],
    );
    expect(Object.entries(row).filter(([, count]) => Number(count) === 0)).toEqual([]);
    const [contact] = await query(
      `SELECT count(*)::int AS n FROM contacts WHERE account_id = ANY($1) AND name = '=HYPERLINK("http://x")'`,
      [ids],
    );
    expect(contact.n).toBe(2);
  });

  it('has activity around local midnight in both time zones', async () => {
    const rows = await query(
      `SELECT m.account_id::text AS id, count(*)::int AS n FROM messages m JOIN accounts a ON a.id = m.account_id
        WHERE m.account_id = ANY($1) AND extract(hour FROM m.created_at AT TIME ZONE a.time_zone) IN (23, 0) GROUP BY 1 ORDER BY 1`,
      [ids],
    );
    expect(rows.map((row: { id: string }) => row.id)).toEqual(ids);
  });

  it('gives the same rows for the same options', async () => {
    const again = await seedDemoData(db.owner, { now: NOW, conversationsPerAccount: CONVERSATIONS });
    for (const table of DOMAIN_TABLES) {
      for (const [index, account] of accounts.entries()) {
        expect({ table, fingerprint: await fingerprint(table, again[index].id) }).toEqual({
          table,
          fingerprint: await fingerprint(table, account.id),
        });
      }
    }
  });

  it('seeds only the first accounts when asked, and finishes from its log a seed stopped while applying it', async () => {
    const [{ last }] = await query('SELECT max(id)::text AS last FROM accounts');
    // Fails the applying round after the log's transaction has committed, as a process stopped during that round would.
    await query(
      `CREATE FUNCTION seed_interrupted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'seed interrupted'; END $$`,
    );
    await query('CREATE TRIGGER seed_interrupted BEFORE INSERT ON messages FOR EACH STATEMENT EXECUTE FUNCTION seed_interrupted()');
    try {
      await expect(seedDemoData(db.owner, { now: NOW, conversationsPerAccount: CONVERSATIONS, accounts: 1 })).rejects.toThrow(
        'seed interrupted',
      );
    } finally {
      await query('DROP TRIGGER seed_interrupted ON messages');
      await query('DROP FUNCTION seed_interrupted()');
    }
    const stopped: Array<{ id: string; name: string }> = await query(
      'SELECT id::text AS id, name FROM accounts WHERE id > $1::bigint ORDER BY id',
      [last],
    );
    expect(stopped.map((account) => account.name)).toEqual(['Loja Aurora Ltda']);
    const [{ events }] = await query('SELECT count(*)::int AS events FROM ingest_events WHERE account_id = $1', [stopped[0].id]);
    expect(await query('SELECT id FROM conversations WHERE account_id = $1', [stopped[0].id])).toEqual([]);

    expect(await finishDemoSeed(db.owner, stopped[0].id)).toBe(events);
    for (const table of DOMAIN_TABLES) {
      expect({ table, fingerprint: await fingerprint(table, stopped[0].id) }).toEqual({
        table,
        fingerprint: await fingerprint(table, accounts[0].id),
      });
    }
    expect(await finishDemoSeed(db.owner, stopped[0].id)).toBe(0);
  });
});
