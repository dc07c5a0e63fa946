import { Agent } from '../entities';
import { createGroupedListLoader } from './support/grouped-list-loader';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Agents that are members of a team, by name. */
export const teamMembersLoader = (runner: SqlRunner) =>
  createGroupedListLoader(
    runner,
    Agent,
    (teamIds) => sql`
      SELECT m.team_id::text AS __parent, t.*
        FROM team_members m
        JOIN agents t ON t.account_id = m.account_id AND t.id = m.agent_id
       WHERE m.team_id = ANY(${teamIds}::bigint[])
       ORDER BY t.name, t.id`,
  );
