import { DataSource } from 'typeorm';
import { AuthenticatedKey, authenticateApiKey } from '../auth/api-keys';
import { closeTenantTransaction, openTransaction } from '../db/tenant-transaction';
import { ExportJobRecord } from './export-job';
import { findExportJob } from './export-job.store';
import { ExportJobFeed, FeedEvent } from './export-job-feed';
import { parseExportId } from './export-requests';
import { canSeeExport } from './services';

/**
 * What a subscriber is sent: the export as it now is, or why the stream ends (the key no longer
 * works, the followed export is not the subscriber's to see, a read failed). The edge turns the
 * last three into coded errors: an error thrown by the stream itself would reach no client.
 */
export type ExportJobUpdate =
  { kind: 'job'; job: ExportJobRecord } | { kind: 'revoked' } | { kind: 'missing'; exportId: string } | { kind: 'failed'; error: unknown };

export interface Subscriber {
  /** The API key as sent, looked up again for every read, so a revoked key stops hearing at once. */
  token: string;
  key: AuthenticatedKey;
}

export interface UpdateSettings {
  statementTimeoutMs: number;
}

type Read = { kind: 'revoked' } | { kind: 'job'; job: ExportJobRecord | null };

/**
 * Reads one export in a transaction bound by the subscriber's key itself: Row Level Security then
 * hides every other account's exports, whatever id a notification carried, and the role rule
 * (analysts see their own exports) is the one `exportJob` applies.
 */
async function readAs(runtime: DataSource, subscriber: Subscriber, exportId: string, settings: UpdateSettings): Promise<Read> {
  const runner = await openTransaction(runtime);
  let commit = false;
  try {
    const authentication = await authenticateApiKey(runner, subscriber.token, { statement_timeout: String(settings.statementTimeoutMs) });
    if (!authentication || authentication.key.accountId !== subscriber.key.accountId) return { kind: 'revoked' };
    const job = await findExportJob(runner.manager, exportId);
    commit = true;
    return { kind: 'job', job: job && canSeeExport(authentication.key, job) ? job : null };
  } finally {
    await closeTenantTransaction(runner, commit);
  }
}

async function* updates(
  deps: FollowDeps,
  subscriber: Subscriber,
  only: string | null,
  changes: AsyncIterableIterator<FeedEvent>,
): AsyncGenerator<ExportJobUpdate> {
  if (only !== null) {
    const first = await readAs(deps.runtime, subscriber, only, deps.settings);
    if (first.kind === 'revoked') {
      yield first;
      return;
    }
    if (!first.job) {
      yield { kind: 'missing', exportId: only };
      return;
    }
    yield { kind: 'job', job: first.job };
  }
  for await (const change of changes) {
    // After a lost connection only a followed export is known to be worth re-reading.
    const id = change.kind === 'changed' ? change.exportId : only;
    if (id === null || (only !== null && id !== only)) continue;
    const read = await readAs(deps.runtime, subscriber, id, deps.settings);
    if (read.kind === 'revoked') {
      yield read;
      return;
    }
    if (read.job) yield { kind: 'job', job: read.job };
  }
}

async function* failing(source: AsyncGenerator<ExportJobUpdate>): AsyncGenerator<ExportJobUpdate> {
  try {
    yield* source;
  } catch (error) {
    yield { kind: 'failed', error };
  }
}

export interface FollowDeps {
  runtime: DataSource;
  feed: ExportJobFeed;
  settings: UpdateSettings;
}

/**
 * The subscriber's exports as they change, from any process: every export it may see, or only
 * `exportId`, whose current state comes first (so a subscriber that starts following a running
 * export does not wait for its next change). Ends when `signal` aborts, the feed stops or the key
 * is revoked (after a last `revoked`). Listening starts with the call, before the first read, so
 * a change committed in between is not lost.
 */
export function followExportJobs(
  deps: FollowDeps,
  subscriber: Subscriber,
  exportId: string | null,
  signal: AbortSignal,
): AsyncIterableIterator<ExportJobUpdate> {
  const only = exportId === null ? null : parseExportId(exportId);
  const changes = deps.feed.changes(subscriber.key.accountId, signal);
  const inner = failing(updates(deps, subscriber, only, changes));
  return {
    next: () => inner.next(),
    async return() {
      // Ends a wait for the next change first; closing `inner` alone would queue behind that wait.
      await changes.return?.();
      return inner.return(undefined);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
