import { Inbox } from '../entities';
import { createGroupedListLoader } from './support/grouped-list-loader';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Inboxes an agent is a member of, by name. */
export const agentInboxesLoader = (runner: SqlRunner) =>
  createGroupedListLoader(
    runner,
    Inbox,
    (agentIds) => sql`
      SELECT m.agent_id::text AS __parent, t.*
        FROM inbox_members m
        JOIN inboxes t ON t.account_id = m.account_id AND t.id = m.inbox_id
       WHERE m.agent_id = ANY(${agentIds}::bigint[])
       ORDER BY t.name, t.id`,
  );
