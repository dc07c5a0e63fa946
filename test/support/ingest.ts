import { createApiKey } from '../../src/auth/api-keys';
import { IngestConfig, loadConfig } from '../../src/config';
import { Database } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { ApplyResult, applyAccount } from '../../src/ingest/applier/apply-account';
import { BatchReceipt, storeBatch } from '../../src/ingest/event-log';
import { EventRejection } from '../../src/ingest/errors';
import { ValidEvent, validateEvent } from '../../src/ingest/validate';
import { DOMAIN_TABLES } from '../../src/ingest/domain-tables';

const ingestKeys = new Map<string, string>();

async function ingestKeyOf(db: Database, accountId: string): Promise<string> {
  const known = ingestKeys.get(accountId);
  if (known) return known;
  const created = await withTenant(db.owner, accountId, (runner) =>
    createApiKey(runner, { accountId, role: 'ingest', name: 'test ingest' }),
  );
  ingestKeys.set(accountId, created.id);
  return created.id;
}

/** Validates and stores one batch as the API does (runtime role, account-bound transaction), without applying it. */
export async function storeEvents(
  db: Database,
  accountId: string,
  events: unknown[],
  config: IngestConfig = loadConfig().ingest,
): Promise<BatchReceipt> {
  const keyId = await ingestKeyOf(db, accountId);
  const valid: ValidEvent[] = [];
  const rejected: EventRejection[] = [];
  events.forEach((raw, index) => {
    const result = validateEvent(raw, index);
    if (result.ok) valid.push(result.event);
    else rejected.push(result.rejection);
  });
  return withTenant(db.runtime, accountId, (runner) =>
    storeBatch(runner.manager, { source: 'api', keyId, clientIp: null, events: valid, rejected }, config),
  );
}

/**
 * Stores the events in batches (`batchSizes` in turn, the last one repeated; default one batch),
 * then runs the applier over the account until its log is drained, or after each batch with
 * `applyEach`.
 */
export async function ingestEvents(
  db: Database,
  accountId: string,
  events: unknown[],
  options: { batchSizes?: number[]; applyEach?: boolean; config?: IngestConfig } = {},
): Promise<{ receipts: BatchReceipt[]; applied: ApplyResult }> {
  const config = { ...(options.config ?? loadConfig().ingest), applyRoundsPerJob: 1_000_000 };
  const sizes = options.batchSizes ?? [config.maxEvents];
  const receipts: BatchReceipt[] = [];
  let applied: ApplyResult | undefined;
  for (let start = 0, batch = 0; start < events.length; batch++) {
    const size = sizes[Math.min(batch, sizes.length - 1)];
    receipts.push(await storeEvents(db, accountId, events.slice(start, start + size), config));
    start += size;
    if (options.applyEach) applied = await applyAccount(db.owner, accountId, config);
  }
  if (!options.applyEach || !applied) applied = await applyAccount(db.owner, accountId, config);
  return { receipts, applied };
}

/** Which table an id column points into. */
const REFERENCES: Record<string, string> = {
  inbox_id: 'inboxes',
  contact_id: 'contacts',
  sender_contact_id: 'contacts',
  conversation_id: 'conversations',
  message_id: 'messages',
  topic_id: 'topics',
  tag_id: 'tags',
  team_id: 'teams',
  last_status_change_team_id: 'teams',
  agent_id: 'agents',
  assignee_id: 'agents',
  resolved_by_agent_id: 'agents',
  last_status_change_agent_id: 'agents',
  sender_agent_id: 'agents',
  applied_by_agent_id: 'agents',
  requested_by_agent_id: 'agents',
};

/**
 * Every domain row of the account with internal ids replaced by the external ids they stand for,
 * so that two accounts fed the same events compare equal whatever ids their rows were given.
 */
export async function domainSnapshot(db: Database, accountId: string): Promise<Record<string, string[]>> {
  return withTenant(db.owner, accountId, async (runner) => {
    const external = new Map<string, string>();
    for (const table of new Set(Object.values(REFERENCES))) {
      const rows: Array<{ id: string; external_id: string }> = await runner.query(
        `SELECT id::text AS id, external_id FROM ${table} WHERE account_id = $1`,
        [accountId],
      );
      for (const row of rows) external.set(`${table}:${row.id}`, row.external_id);
    }
    const snapshot: Record<string, string[]> = {};
    for (const table of DOMAIN_TABLES) {
      const rows: Array<Record<string, unknown>> = await runner
        .query(`SELECT to_jsonb(t) - 'id' - 'account_id' AS row FROM ${table} t WHERE account_id = $1`, [accountId])
        .then((result: Array<{ row: Record<string, unknown> }>) => result.map((r) => r.row));
      snapshot[table] = rows
        .map((row) => {
          const mapped = Object.fromEntries(
            Object.entries(row)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([column, value]) => [
                column,
                REFERENCES[column] && value !== null ? external.get(`${REFERENCES[column]}:${value}`) : value,
              ]),
          );
          return JSON.stringify(mapped);
        })
        .sort();
    }
    return snapshot;
  });
}

/** SQL: the log `l` with each event's state (`state`, `waiting_for`); an event without a state row is applied. */
export const LOG_WITH_STATES = `ingest_events l LEFT JOIN (SELECT account_id, seq, state AS open_state, waiting_for FROM ingest_event_states) s
  ON s.account_id = l.account_id AND s.seq = l.seq
  CROSS JOIN LATERAL (SELECT coalesce(s.open_state, 'applied') AS state) st`;
