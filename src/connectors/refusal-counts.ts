import { DataSource } from 'typeorm';
import { closeTenantTransaction, openTransaction, withTenant } from '../db/tenant-transaction';
import { Sql } from '../db/sql';
import { CURRENT_ACCOUNT } from '../../migrations/tenancy';

export type RefusalReason = 'RATE_LIMIT' | 'IN_FLIGHT_PER_CONNECTOR' | 'IN_FLIGHT_PER_ACCOUNT';

interface Tally {
  count: number;
  firstAt: Date;
  lastAt: Date;
}

/** The interval of the writes: a refusal is in the counts at most this long after it was answered. */
export const REFUSAL_FLUSH_MS = 5000;

function add(map: Map<string, Tally>, key: string, tally: Tally): void {
  const held = map.get(key);
  if (!held) map.set(key, { ...tally });
  else {
    held.count += tally.count;
    if (tally.firstAt < held.firstAt) held.firstAt = tally.firstAt;
    if (tally.lastAt > held.lastAt) held.lastAt = tally.lastAt;
  }
}

async function addCounts(sql: Sql, connectorId: string, reason: string, tally: Tally): Promise<void> {
  await sql.query(
    `INSERT INTO connector_refusals (account_id, connector_id, reason, count, first_at, last_at)
     SELECT ${CURRENT_ACCOUNT}, c.id, $2, $3, $4, $5 FROM connectors c WHERE c.id = $1 AND c.account_id = ${CURRENT_ACCOUNT}
     ON CONFLICT (account_id, connector_id, reason) DO UPDATE
        SET count = connector_refusals.count + excluded.count, last_at = greatest(connector_refusals.last_at, excluded.last_at)`,
    [connectorId, reason, tally.count, tally.firstAt, tally.lastAt],
  );
}

/**
 * Deliveries refused for their tenant's load, added up in memory and written every few seconds:
 * refusing costs no write, so a flood cannot turn the refusals themselves into load. A delivery
 * refused before its connector is known (its connector's deliveries in flight are all taken) is
 * counted by its token's hash and attributed to the connector when written. Counts that could not
 * be written stay for the next write.
 */
export class RefusalCounter {
  private byConnector = new Map<string, Tally>();
  private byToken = new Map<string, Tally>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly runtime: DataSource,
    private readonly onError: (error: unknown) => void,
  ) {}

  countConnector(accountId: string, connectorId: string, reason: RefusalReason, at = new Date()): void {
    add(this.byConnector, `${accountId}|${connectorId}|${reason}`, { count: 1, firstAt: at, lastAt: at });
    this.schedule();
  }

  countToken(tokenHash: string, reason: RefusalReason, at = new Date()): void {
    add(this.byToken, `${tokenHash}|${reason}`, { count: 1, firstAt: at, lastAt: at });
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch(this.onError);
    }, REFUSAL_FLUSH_MS);
    this.timer.unref();
  }

  /** Writes what was counted so far; a second call waits for the first (whose failure is its own caller's). */
  flush(): Promise<void> {
    this.flushing = this.flushing.catch(() => undefined).then(() => this.write());
    return this.flushing;
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  private async write(): Promise<void> {
    const byConnector = this.byConnector;
    const byToken = this.byToken;
    this.byConnector = new Map();
    this.byToken = new Map();
    const failed: unknown[] = [];
    for (const [key, tally] of byConnector) {
      const [accountId, connectorId, reason] = key.split('|');
      await withTenant(this.runtime, accountId, (runner) => addCounts(runner, connectorId, reason, tally)).catch((error: unknown) => {
        add(this.byConnector, key, tally);
        failed.push(error);
      });
    }
    for (const [key, tally] of byToken) {
      const [tokenHash, reason] = key.split('|');
      await this.writeByToken(tokenHash, reason, tally).catch((error: unknown) => {
        add(this.byToken, key, tally);
        failed.push(error);
      });
    }
    if (this.byConnector.size + this.byToken.size > 0) this.schedule();
    if (failed.length > 0) throw failed[0];
  }

  /** Finds the connector by its token's hash, as a delivery does, binding its account; a token no connector holds is dropped. */
  private async writeByToken(tokenHash: string, reason: string, tally: Tally): Promise<void> {
    const runner = await openTransaction(this.runtime);
    let commit = false;
    try {
      const rows: Array<{ id: string }> = await runner.query(
        `SELECT c.id::text AS id, set_config('app.account_id', c.account_id::text, true) AS bound,
                set_config('app.connector_token_hash', '', true) AS cleared
           FROM (SELECT set_config('app.connector_token_hash', $1, true) AS hash) AS presented
           CROSS JOIN LATERAL (SELECT id, account_id FROM connectors WHERE token_hash = presented.hash AND deleted_at IS NULL) AS c`,
        [tokenHash],
      );
      if (rows.length === 1) await addCounts(runner, rows[0].id, reason, tally);
      commit = true;
    } finally {
      await closeTenantTransaction(runner, commit);
    }
  }
}
