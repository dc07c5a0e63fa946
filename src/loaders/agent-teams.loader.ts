import { Team } from '../entities';
import { createGroupedListLoader } from './support/grouped-list-loader';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Teams an agent is a member of, by name. */
export const agentTeamsLoader = (runner: SqlRunner) =>
  createGroupedListLoader(
    runner,
    Team,
    (agentIds) => sql`
      SELECT m.agent_id::text AS __parent, t.*
        FROM team_members m
        JOIN teams t ON t.account_id = m.account_id AND t.id = m.team_id
       WHERE m.agent_id = ANY(${agentIds}::bigint[])
       ORDER BY t.name, t.id`,
  );
