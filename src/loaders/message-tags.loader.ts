import { Tag } from '../entities';
import { createGroupedListLoader } from './support/grouped-list-loader';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Tags currently applied to a message (applications not removed), by name. */
export const messageTagsLoader = (runner: SqlRunner) =>
  createGroupedListLoader(
    runner,
    Tag,
    // DISTINCT: a tag applied twice without removal is still one tag of the message.
    (messageIds) => sql`
      SELECT a.message_id::text AS __parent, t.*
        FROM (SELECT DISTINCT account_id, message_id, tag_id
                FROM message_tags
               WHERE message_id = ANY(${messageIds}::bigint[]) AND removed_at IS NULL) a
        JOIN tags t ON t.account_id = a.account_id AND t.id = a.tag_id
       ORDER BY t.name, t.id`,
  );
