import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/**
 * Backs both the root `topics` query and `Account.topics`: the account is the parent,
 * so root lists page exactly like child lists.
 */
export const accountTopicsLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.topics, scope: (parent) => sql`t.account_id = ${parent}` });
