import { createApiKey } from '../../src/auth/api-keys';
import { IngestConfig, loadConfig } from '../../src/config';
import { Database } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { ApplyResult, applyAccount } from '../../src/ingest/applier/apply-account';
import { BatchReceipt, storeBatch } from '../../src/ingest/event-log';
import { EventRejection } from '../../src/ingest/errors';
import { ValidEvent, validateEvent } from '../../src/ingest/validate';

const ingestKeys = new Map<string, string>();

async function ingestKeyOf(db: Database, accountId: string): Promise<string> {
  const known = ingestKeys.get(accountId);
  if (known) return known;
  const created = await withTenant(db.owner, accountId, (runner) => createApiKey(runner, { accountId, role: 'ingest', name: 'test ingest' }));
  ingestKeys.set(accountId, created.id);
  return created.id;
}

/** Validates and stores one batch as the API does (runtime role, account-bound transaction), without applying it. */
export async function storeEvents(db: Database, accountId: string, events: unknown[], config: IngestConfig = loadConfig().ingest): Promise<BatchReceipt> {
  const keyId = await ingestKeyOf(db, accountId);
  const valid: ValidEvent[] = [];
  const rejected: EventRejection[] = [];
  events.forEach((raw, index) => {
    const result = validateEvent(raw, index);
    if (result.ok) valid.push(result.event);
    else rejected.push(result.rejection);
  });
  return withTenant(db.runtime, accountId, (runner) => storeBatch(runner.manager, { source: 'api', keyId, clientIp: null, events: valid, rejected }, config));
}

/** Stores the events in batches of `batchSize`, then runs the applier over the account until its log is drained. */
export async function ingestEvents(
  db: Database,
  accountId: string,
  events: unknown[],
  options: { batchSize?: number; config?: IngestConfig } = {},
): Promise<{ receipts: BatchReceipt[]; applied: ApplyResult }> {
  const config = options.config ?? loadConfig().ingest;
  const size = options.batchSize ?? config.maxEvents;
  const receipts: BatchReceipt[] = [];
  for (let start = 0; start < events.length; start += size) receipts.push(await storeEvents(db, accountId, events.slice(start, start + size), config));
  const applied = await applyAccount(db.owner, accountId, { ...config, applyRoundsPerJob: 1_000_000 });
  return { receipts, applied };
}
