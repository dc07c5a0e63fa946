import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/**
 * Backs both the root `contacts` query and `Account.contacts`: the account is the parent,
 * so root lists page exactly like child lists.
 */
export const accountContactsLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.contacts, scope: (parent) => sql`t.account_id = ${parent}` });
