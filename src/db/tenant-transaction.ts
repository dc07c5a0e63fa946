import { PoolClient, QueryResult } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';

export async function openTransaction(source: DataSource): Promise<QueryRunner> {
  const runner = source.createQueryRunner();
  try {
    await runner.connect();
    await runner.startTransaction();
    return runner;
  } catch (error) {
    await runner.release();
    throw error;
  }
}

/**
 * Opens the runner's transaction and runs its first statement in one round trip: `BEGIN` and the
 * statement go as one simple-protocol message, so the statement carries its values as literals
 * (the caller quotes them with `literal`). The runner counts as in a transaction before anything
 * is sent, so a failure still ends with the ROLLBACK that returns a clean connection to the pool.
 */
export async function beginWith<R>(runner: QueryRunner, statement: (literal: (value: string) => string) => string): Promise<R[]> {
  const client = (await runner.connect()) as PoolClient;
  const text = `BEGIN; ${statement((value) => client.escapeLiteral(value))}`;
  // What TypeORM's startTransaction records; its own START TRANSACTION would cost a round trip.
  Object.assign(runner as unknown as { isTransactionActive: boolean; transactionDepth: number }, {
    isTransactionActive: true,
    transactionDepth: 1,
  });
  runner.dataSource.logger.logQuery(text, [], runner);
  const results = (await client.query(text)) as unknown as QueryResult[];
  return results[1].rows as R[];
}

/**
 * Binds the open transaction to one account: the setting is transaction-local (`is_local` true),
 * so a pooled connection never carries one tenant's id into another request.
 */
export async function bindTenant(runner: QueryRunner, accountId: string): Promise<void> {
  await runner.query(`SELECT set_config('app.account_id', $1, true)`, [accountId]);
}

export async function closeTenantTransaction(runner: QueryRunner, commit: boolean): Promise<void> {
  try {
    if (runner.isTransactionActive) {
      if (commit) await runner.commitTransaction();
      else await runner.rollbackTransaction();
    }
  } finally {
    await runner.release();
  }
}

/** Runs `work` inside one tenant transaction; commits on success, rolls back on error. */
export async function withTenant<T>(source: DataSource, accountId: string, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = await openTransaction(source);
  let result: T;
  try {
    await bindTenant(runner, accountId);
    result = await work(runner);
  } catch (error) {
    await closeTenantTransaction(runner, false);
    throw error;
  }
  await closeTenantTransaction(runner, true);
  return result;
}
