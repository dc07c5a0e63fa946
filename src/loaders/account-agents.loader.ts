import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/**
 * Backs both the root `agents` query and `Account.agents`: the account is the parent,
 * so root lists page exactly like child lists.
 */
export const accountAgentsLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.agents, scope: (parent) => sql`t.account_id = ${parent}` });
