import { Topic } from '../entities';
import { createGroupedListLoader } from './support/grouped-list-loader';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Topics currently applied to a conversation (applications not removed), by name. */
export const conversationTopicsLoader = (runner: SqlRunner) =>
  createGroupedListLoader(
    runner,
    Topic,
    // DISTINCT: a topic applied twice without removal is still one topic of the conversation.
    (conversationIds) => sql`
      SELECT a.conversation_id::text AS __parent, t.*
        FROM (SELECT DISTINCT account_id, conversation_id, topic_id
                FROM conversation_topics
               WHERE conversation_id = ANY(${conversationIds}::bigint[]) AND removed_at IS NULL) a
        JOIN topics t ON t.account_id = a.account_id AND t.id = a.topic_id
       ORDER BY t.name, t.id`,
  );
