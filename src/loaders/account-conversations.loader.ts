import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/**
 * Backs both the root `conversations` query and `Account.conversations`: the account is the parent,
 * so root lists page exactly like child lists.
 */
export const accountConversationsLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.conversations, scope: (parent) => sql`t.account_id = ${parent}` });
