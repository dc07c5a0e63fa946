import { MessageTag } from '../entities';
import { createGroupedListLoader } from './support/grouped-list-loader';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Every application of a tag to a message, removed ones included, oldest first. */
export const messageTagApplicationsLoader = (runner: SqlRunner) =>
  createGroupedListLoader(
    runner,
    MessageTag,
    (messageIds) => sql`
      SELECT a.message_id::text AS __parent, a.*
        FROM message_tags a
       WHERE a.message_id = ANY(${messageIds}::bigint[])
       ORDER BY a.applied_at, a.id`,
  );
