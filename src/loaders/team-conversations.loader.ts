import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Conversations currently routed to a team. */
export const teamConversationsLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.conversations, scope: (parent) => sql`t.team_id = ${parent}` });
