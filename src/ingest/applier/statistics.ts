import { Sql } from '../../db/sql';

/** The rows a round writes, which the round's later stages join against. */
export const DOMAIN_TABLES = [
  'inboxes',
  'agents',
  'teams',
  'topics',
  'tags',
  'contact_attributes',
  'messages',
  'conversations',
  'conversation_events',
  'message_tags',
  'conversation_topics',
  'contacts',
  'agent_presences',
  'dispatches',
];

/** Tables whose row counts a load changes the most: the log, its events' states and the rows made from it. */
const TABLES = ['ingest_events', 'ingest_event_states', ...DOMAIN_TABLES];

/**
 * A batch from which the stages' ANALYZE on every table it outnumbers pays. In a round of the smallest size
 * (`INGEST_APPLY_BATCH_SIZE`, 5,000) a plan on old statistics costs less than analyzing each small table after each
 * stage; a round grown past it, or a seed's single round, fills a new account's share of a table within the round (a
 * 20,000-event round of the Chatwoot benchmark's second account ran one statement for minutes).
 */
const BULK_BATCH = 10_000;

/**
 * A bulk load outruns autovacuum: while a table's statistics still describe it as empty, the
 * planner reads the log by its idempotency index and filters every row instead of looking the
 * subject up, and a round that takes milliseconds takes seconds (measured: 19 s instead of
 * 0.1 s for 1,500 events over a 14,000-event log), and a small table never analyzed has the
 * owner of each event looked up through any index that starts with the account (a contact
 * table analyzed while empty was scanned whole per message: 0.2 ms per row instead of 0.005). A
 * table never analyzed, or changed by more than a fifth since its last ANALYZE, or grown by more
 * than a fifth in pages (which shows at once, while the change counters reach the statistics
 * views only a moment after a commit), is analyzed again before the round plans its statements.
 * `growth` is that fifth; between the stages of a round, where the danger is a table planned as empty, a table is
 * analyzed again only once it has doubled (ANALYZE of `messages` after each round's insert took a sixth of a round),
 * or when the round's `batch` is a bulk one and outnumbers its rows: such a batch can fill it many times over within the
 * round, and neither of the other signals shows it when the new rows reuse the space of old ones (a seed's second
 * account, planned as having one conversation, ran one statement for over half an hour).
 */
export async function refreshStatistics(sql: Sql, tables: readonly string[] = TABLES, growth = 0.2, batch = 0): Promise<void> {
  const stale: Array<{ name: string }> = await sql.query(
    `SELECT s.relname AS name FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
      WHERE s.schemaname = 'public' AND s.relname = ANY($1)
        AND (c.reltuples < 0
             OR s.n_mod_since_analyze > greatest(200, $2 * c.reltuples)
             OR pg_relation_size(c.oid) / current_setting('block_size')::int > (1 + $2) * c.relpages + 1
             OR (c.reltuples < $3 AND $3 >= ${BULK_BATCH}))`,
    [tables, growth, batch],
  );
  for (const { name } of stale) await sql.query(`ANALYZE ${name}`);
}

/**
 * The rows written so far (inserted, updated or deleted) into each of the tables, as this backend counts them: the open
 * transaction's writes and those of its earlier transactions not yet reported to the statistics views, so only a
 * difference between two looks within one transaction says what it wrote in between.
 */
export async function rowsWritten(sql: Sql, tables: readonly string[] = DOMAIN_TABLES): Promise<Map<string, number>> {
  const counts: Array<{ name: string; written: string }> = await sql.query(
    `SELECT relname AS name, (n_tup_ins + n_tup_upd + n_tup_del)::text AS written
       FROM pg_stat_xact_user_tables WHERE schemaname = 'public' AND relname = ANY($1)`,
    [tables],
  );
  return new Map(counts.map((row) => [row.name, Number(row.written)]));
}

/**
 * Between a round's stages: the tables the stage wrote rows of are looked at again (see refreshStatistics), the others
 * are not, since a table no stage wrote cannot have moved from its statistics. `written` is the previous look of
 * rowsWritten (taken first when the round starts) and is brought up to date. A bulk round analyzed every small table
 * after every stage, `messages` after all six though two write it: 15–18 ANALYZEs of it (1.2–1.4 s) in a
 * 112,000-event run.
 */
export async function refreshAfterStage(
  sql: Sql,
  batch: number,
  written: Map<string, number>,
  tables: readonly string[] = DOMAIN_TABLES,
): Promise<void> {
  const now = await rowsWritten(sql, tables);
  const changed = [...now].filter(([name, count]) => count !== written.get(name)).map(([name]) => name);
  for (const [name, count] of now) written.set(name, count);
  if (changed.length > 0) await refreshStatistics(sql, changed, 1, batch);
}

/**
 * Gives a round's touched conversations statistics before the statements that read them. Without any, the planner takes
 * them for 200 distinct ids however many there are, and for a seed's round (every conversation) it looked each one's
 * messages up by index instead of reading them once: `conversation_firsts` of 100,000 conversations took 7.5–8.8 s
 * instead of 2.4 s.
 */
export async function analyzeTouched(sql: Sql, table: string): Promise<void> {
  await sql.query(`ANALYZE ${table}`);
}
