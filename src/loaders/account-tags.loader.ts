import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/**
 * Backs both the root `tags` query and `Account.tags`: the account is the parent,
 * so root lists page exactly like child lists.
 */
export const accountTagsLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.tags, scope: (parent) => sql`t.account_id = ${parent}` });
