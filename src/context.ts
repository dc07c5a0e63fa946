import { IncomingMessage } from 'node:http';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AuthenticatedKey, authenticateApiKey } from './auth/api-keys';
import { closeTenantTransaction, openTransaction } from './db/tenant-transaction';
import { ingestKeyRefused, unauthenticated } from './graphql/errors';
import { Loaders, createLoaders } from './loaders';

/**
 * What every resolver receives. `manager` belongs to the request's own transaction, already
 * bound to the key's account, and the loaders use it too, so Row Level Security scopes every
 * statement of the request, batches included.
 */
/** Per-deployment limits resolvers need, taken from the configuration. */
export interface RequestSettings {
  maxReportRangeDays: number;
  /** `statement_timeout` of the request's transaction. */
  statementTimeoutMs: number;
}

export interface RequestContext {
  key: AuthenticatedKey;
  settings: RequestSettings;
  accountId: string;
  manager: EntityManager;
  loaders: Loaders;
  /** Commits (or rolls back) and releases the connection; safe to call more than once. */
  finish(commit: boolean): Promise<void>;
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export async function createRequestContext(runtime: DataSource, req: IncomingMessage, settings: RequestSettings): Promise<RequestContext> {
  const token = bearerToken(req);
  if (!token) throw unauthenticated();
  const runner: QueryRunner = await openTransaction(runtime);
  let finished = false;
  const finish = async (commit: boolean) => {
    if (finished) return;
    finished = true;
    await closeTenantTransaction(runner, commit);
  };
  try {
    // Transaction-local, so the pooled connection goes back without it (exports set their own).
    await runner.query(`SELECT set_config('statement_timeout', $1, true)`, [String(settings.statementTimeoutMs)]);
    const key = await authenticateApiKey(runner, token);
    if (!key) throw unauthenticated('The API key is unknown or revoked.');
    if (key.role === 'ingest') throw ingestKeyRefused();
    return { key, settings, accountId: key.accountId, manager: runner.manager, loaders: createLoaders(runner.manager), finish };
  } catch (error) {
    await finish(false);
    throw error;
  }
}
