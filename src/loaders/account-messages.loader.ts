import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/**
 * Backs both the root `messages` query and `Account.messages`: the account is the parent,
 * so root lists page exactly like child lists.
 */
export const accountMessagesLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.messages, scope: (parent) => sql`t.account_id = ${parent}` });
