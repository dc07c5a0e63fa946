import { DataSource } from 'typeorm';
import { isConnectionLoss } from '../db/outage';
import { withTenant } from '../db/tenant-transaction';
import { Logger } from '../logger';
import { AuthenticatedKey } from './api-keys';

/**
 * Records `api_keys.last_used_at` in short transactions of their own, never in a request's: an
 * UPDATE inside a request would hold the key's row lock until the request ends, so the key's other
 * requests and its revocation would wait behind it. A row another transaction has locked (a
 * revocation under way) is skipped, not waited for; the next use records it.
 */
export class KeyUsageRecorder {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly runtime: DataSource,
    private readonly logger: Logger,
  ) {}

  /** Starts recording the use of a key whose last use is stale; one write at a time per key. */
  record(key: AuthenticatedKey): void {
    if (this.pending.has(key.id)) return;
    const write = withTenant(this.runtime, key.accountId, (runner) =>
      runner.query(
        `UPDATE api_keys SET last_used_at = now()
          WHERE id IN (SELECT id FROM api_keys WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
                       FOR UPDATE SKIP LOCKED)`,
        [key.id],
      ),
    )
      .then(() => undefined)
      .catch((error: unknown) => {
        // Best effort: the next use records it. A lost connection (an outage, or the database
        // stopping with the process) is reported once by the outage watch, not per key.
        if (isConnectionLoss(error))
          this.logger.debug({ err: error, keyId: key.id }, 'last use of an API key not recorded: connection lost');
        else this.logger.warn({ err: error, keyId: key.id }, 'could not record the last use of an API key');
      })
      .finally(() => this.pending.delete(key.id));
    this.pending.set(key.id, write);
  }

  /** Waits for the writes under way, before the pool closes. */
  async drain(): Promise<void> {
    await Promise.all(this.pending.values());
  }
}
