import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/**
 * Backs both the root `dispatches` query and `Account.dispatches`: the account is the parent,
 * so root lists page exactly like child lists.
 */
export const accountDispatchesLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.dispatches, scope: (parent) => sql`t.account_id = ${parent}` });
