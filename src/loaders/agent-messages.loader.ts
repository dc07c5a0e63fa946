import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

export const agentMessagesLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.messages, scope: (parent) => sql`t.sender_agent_id = ${parent}` });
