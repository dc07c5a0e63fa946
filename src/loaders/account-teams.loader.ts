import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/**
 * Backs both the root `teams` query and `Account.teams`: the account is the parent,
 * so root lists page exactly like child lists.
 */
export const accountTeamsLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.teams, scope: (parent) => sql`t.account_id = ${parent}` });
