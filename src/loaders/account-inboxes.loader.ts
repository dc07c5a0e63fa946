import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/**
 * Backs both the root `inboxes` query and `Account.inboxes`: the account is the parent,
 * so root lists page exactly like child lists.
 */
export const accountInboxesLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.inboxes, scope: (parent) => sql`t.account_id = ${parent}` });
