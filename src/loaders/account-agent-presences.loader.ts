import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/**
 * Backs both the root `agentPresences` query and `Account.agentPresences`: the account is the parent,
 * so root lists page exactly like child lists.
 */
export const accountAgentPresencesLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.agentPresences, scope: (parent) => sql`t.account_id = ${parent}` });
