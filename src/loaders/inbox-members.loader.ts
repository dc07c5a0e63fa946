import { Agent } from '../entities';
import { createGroupedListLoader } from './support/grouped-list-loader';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Agents that are members of an inbox, by name. */
export const inboxMembersLoader = (runner: SqlRunner) =>
  createGroupedListLoader(
    runner,
    Agent,
    (inboxIds) => sql`
      SELECT m.inbox_id::text AS __parent, t.*
        FROM inbox_members m
        JOIN agents t ON t.account_id = m.account_id AND t.id = m.agent_id
       WHERE m.inbox_id = ANY(${inboxIds}::bigint[])
       ORDER BY t.name, t.id`,
  );
