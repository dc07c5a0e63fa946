import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { IngestConfig } from '../../config';
import { withTenant } from '../../db/tenant-transaction';
import { Sql } from '../../db/sql';
import { badUserInput, notFound } from '../../errors';
import { EventRejection } from '../../ingest/errors';
import { storeBatch } from '../../ingest/event-log';
import { ValidEvent, validateEvent } from '../../ingest/validate';
import { connectorSource } from '../connector.store';
import { CURRENT_ACCOUNT } from '../../../migrations/tenancy';
import { Assignee, GenericEvent, agentRef, assigned, ids, isoOf, statusChanged, teamChanged } from './facts';
import { CHANNEL_TABLE_NAMES, ImportTable, SourceRow, importTables } from './import-tables';

export interface TableProgress {
  table: string;
  rows: number;
  total: number;
  rowsPerSecond: number;
  /** Seconds left for this table at its current rate; null before the first batch. */
  etaSeconds: number | null;
}

export interface ImportReport {
  /** Whether it continued an interrupted run from its high-water marks. */
  resumed: boolean;
  tables: Array<{ table: string; rows: number; seconds: number }>;
  rows: number;
  events: { accepted: number; duplicates: number; rejected: number };
  seconds: number;
}

export interface ImportOptions {
  /** Our database's owner (the CLI's connection, which may bypass RLS: every statement names the account too). */
  owner: DataSource;
  accountId: string;
  connectorId: string;
  /** A read-only connection string of Chatwoot's PostgreSQL. */
  databaseUrl: string;
  config: IngestConfig;
  /** Source rows read per page (default 1000). */
  pageSize?: number;
  onProgress?: (progress: TableProgress) => void;
  /** Tests: stop after this many pages, as a crash would. */
  stopAfterPages?: number;
}

interface ImportState {
  done: boolean;
  marks: Record<string, number>;
}

/** The pass after every table: the conversation's current status, assignee and team, for what no event recorded (lossy webhooks, snoozes). */
const RECONCILE = 'reconcile';

const CURRENT_STATUS = ['open', 'resolved', 'pending', 'snoozed'] as const;

const RECONCILE_TABLE: ImportTable = {
  name: RECONCILE,
  count: 'SELECT count(*)::int AS n FROM conversations WHERE account_id = $1',
  page: `SELECT id, display_id, status, assignee_id, assignee_agent_bot_id, team_id, (updated_at AT TIME ZONE 'UTC') AS updated_at
           FROM conversations WHERE account_id = $1 AND id > $2 AND contact_id IS NOT NULL ORDER BY id LIMIT $3`,
  events: () => [],
};

export class ImportInterrupted extends Error {}

async function loadState(sql: Sql, connectorId: string): Promise<{ kind: string; platformAccountId: string; state: ImportState | null }> {
  const [row] = await sql.query(
    `SELECT kind, platform_account_id::text AS "platformAccountId", import_state AS state FROM connectors
      WHERE id = $1 AND account_id = ${CURRENT_ACCOUNT} AND deleted_at IS NULL`,
    [connectorId],
  );
  if (!row) throw badUserInput(`No connector with id ${connectorId} in this account.`, 'connector');
  const state = row.state && typeof row.state === 'object' && 'marks' in row.state ? (row.state as ImportState) : null;
  return { kind: row.kind, platformAccountId: row.platformAccountId, state };
}

function validate(events: GenericEvent[]): { valid: ValidEvent[]; rejected: EventRejection[] } {
  const valid: ValidEvent[] = [];
  const rejected: EventRejection[] = [];
  events.forEach((event, index) => {
    const result = validateEvent(event, index);
    if (result.ok) valid.push(result.event);
    else rejected.push(result.rejection);
  });
  return { valid, rejected };
}

/** What the log says of each conversation now: its latest status, assignee and team events (applied or not yet). */
async function loggedState(sql: Sql, source: string, conversations: string[]): Promise<Map<string, Record<string, unknown>>> {
  const rows: Array<{ conversation: string; type: string; data: Record<string, unknown> }> = await sql.query(
    `SELECT DISTINCT ON (conversation, type) conversation, type, data FROM ingest_events
      WHERE account_id = ${CURRENT_ACCOUNT} AND source = $1 AND conversation = ANY($2)
        AND type IN ('conversation.status_changed', 'conversation.assigned', 'conversation.team_changed')
      ORDER BY conversation, type, occurred_at DESC, event_id DESC`,
    [source, conversations],
  );
  const state = new Map<string, Record<string, unknown>>();
  for (const row of rows) state.set(`${row.conversation}|${row.type}`, row.data);
  return state;
}

function reconcileEvents(row: SourceRow, logged: Map<string, Record<string, unknown>>): GenericEvent[] {
  const conversation = ids.conversation(row.display_id);
  const at = isoOf(row.updated_at);
  const events: GenericEvent[] = [];
  const assignee: Assignee | null = row.assignee_id
    ? { kind: 'user', id: row.assignee_id }
    : row.assignee_agent_bot_id
      ? { kind: 'agent_bot', id: Number(row.assignee_agent_bot_id) }
      : null;
  const status = CURRENT_STATUS[row.status as number];
  const loggedStatus = logged.get(`${conversation}|conversation.status_changed`)?.status;
  if (status && status !== 'snoozed' && status !== loggedStatus) events.push(...statusChanged(row.display_id, status, at, assignee));
  const assigneeRef = assignee ? agentRef(assignee.kind, assignee.id) : null;
  if (assigneeRef !== (logged.get(`${conversation}|conversation.assigned`)?.assignee ?? null))
    events.push(assigned(row.display_id, assignee, at));
  const teamRef = row.team_id ? ids.team(row.team_id) : null;
  if (teamRef !== (logged.get(`${conversation}|conversation.team_changed`)?.team ?? null))
    events.push(teamChanged(row.display_id, row.team_id ? Number(row.team_id) : null, at));
  return events;
}

/**
 * Reads the connector's Chatwoot account table by table and stores what it finds as generic
 * events of the connector's source, page by page: each page's events and the table's new
 * high-water mark commit together, so an interrupted run resumes after its last page. A finished
 * run makes the next one start over, as a reconcile: the events of facts already in the log are
 * duplicates and change nothing, the missing ones fill in.
 */
export async function importChatwoot(options: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const pageSize = options.pageSize ?? 1000;
  const { kind, platformAccountId, state } = await withTenant(options.owner, options.accountId, (runner) =>
    loadState(runner, options.connectorId),
  );
  if (kind !== 'chatwoot') throw badUserInput(`Connector ${options.connectorId} is not a Chatwoot connector.`, 'connector');
  const source = connectorSource({ kind, id: options.connectorId });
  const resumed = state !== null && !state.done;
  const marks: Record<string, number> = resumed ? { ...state.marks } : {};
  const report: ImportReport = { resumed, tables: [], rows: 0, events: { accepted: 0, duplicates: 0, rejected: 0 }, seconds: 0 };
  const chatwoot = new Client({ connectionString: options.databaseUrl, application_name: 'chat-reporting-import' });
  await chatwoot.connect();
  let pages = 0;
  try {
    // Whatever the URL's role may do, this session only reads.
    await chatwoot.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    // A connector naming an account this database lacks would otherwise read nothing and call it done.
    if ((await chatwoot.query('SELECT 1 FROM accounts WHERE id = $1', [platformAccountId])).rowCount === 0)
      throw notFound(
        `This Chatwoot database has no account ${platformAccountId} (the connector's chatwootAccountId); nothing was imported.`,
      );
    const present = await chatwoot.query(
      `SELECT relname FROM pg_class WHERE relname = ANY($1) AND relkind IN ('r', 'p') AND pg_table_is_visible(oid)`,
      [CHANNEL_TABLE_NAMES],
    );
    const tables = importTables(new Set(present.rows.map((row: { relname: string }) => row.relname)));
    for (const table of [...tables, RECONCILE_TABLE]) {
      const tableStarted = Date.now();
      const [{ n: total }] = (await chatwoot.query(table.count, [platformAccountId])).rows;
      let rows = 0;
      for (;;) {
        const after = marks[table.name] ?? 0;
        const page = (await chatwoot.query(table.page, [platformAccountId, after, pageSize])).rows as SourceRow[];
        if (page.length === 0) break;
        const last = Number(page[page.length - 1].id);
        await withTenant(options.owner, options.accountId, async (runner) => {
          const logged =
            table === RECONCILE_TABLE
              ? await loggedState(
                  runner,
                  source,
                  page.map((row) => ids.conversation(row.display_id)),
                )
              : null;
          const events = page.flatMap((row) => (logged ? reconcileEvents(row, logged) : table.events(row)));
          const { valid, rejected } = validate(events);
          if (valid.length + rejected.length > 0) {
            const receipt = await storeBatch(
              runner,
              { source, keyId: null, connectorId: options.connectorId, clientIp: null, events: valid, rejected },
              options.config,
            );
            report.events.accepted += receipt.accepted;
            report.events.duplicates += receipt.duplicates;
            report.events.rejected += receipt.rejected.length;
          }
          marks[table.name] = last;
          await runner.query(`UPDATE connectors SET import_state = $2 WHERE id = $1 AND account_id = ${CURRENT_ACCOUNT}`, [
            options.connectorId,
            JSON.stringify({ done: false, marks } satisfies ImportState),
          ]);
        });
        rows += page.length;
        pages++;
        const seconds = Math.max((Date.now() - tableStarted) / 1000, 0.001);
        const rate = rows / seconds;
        options.onProgress?.({
          table: table.name,
          rows,
          total,
          rowsPerSecond: rate,
          etaSeconds: Math.max(0, (total - rows) / rate),
        });
        if (options.stopAfterPages !== undefined && pages >= options.stopAfterPages) throw new ImportInterrupted('stopped on request');
        if (page.length < pageSize) break;
      }
      report.tables.push({ table: table.name, rows, seconds: (Date.now() - tableStarted) / 1000 });
      report.rows += rows;
    }
    await withTenant(options.owner, options.accountId, (runner) =>
      runner.query(`UPDATE connectors SET import_state = $2 WHERE id = $1 AND account_id = ${CURRENT_ACCOUNT}`, [
        options.connectorId,
        JSON.stringify({ done: true, marks } satisfies ImportState),
      ]),
    );
  } finally {
    await chatwoot.end();
  }
  report.seconds = (Date.now() - started) / 1000;
  return report;
}
