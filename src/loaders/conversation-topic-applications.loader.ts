import { ConversationTopic } from '../entities';
import { createGroupedListLoader } from './support/grouped-list-loader';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Every application of a topic to a conversation, removed ones included, oldest first. */
export const conversationTopicApplicationsLoader = (runner: SqlRunner) =>
  createGroupedListLoader(
    runner,
    ConversationTopic,
    (conversationIds) => sql`
      SELECT a.conversation_id::text AS __parent, a.*
        FROM conversation_topics a
       WHERE a.conversation_id = ANY(${conversationIds}::bigint[])
       ORDER BY a.applied_at, a.id`,
  );
