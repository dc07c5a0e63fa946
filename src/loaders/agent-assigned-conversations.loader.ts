import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Conversations currently assigned to an agent. */
export const agentAssignedConversationsLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.conversations, scope: (parent) => sql`t.assignee_id = ${parent}` });
