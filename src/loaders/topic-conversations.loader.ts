import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Conversations that currently carry a topic: an application not removed yet. */
export const topicConversationsLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, {
    ...LISTS.conversations,
    // EXISTS rather than a join: a topic applied twice must not list the conversation twice.
    scope: (parent) => sql`EXISTS (
      SELECT 1 FROM conversation_topics ct
       WHERE ct.account_id = t.account_id AND ct.conversation_id = t.id
         AND ct.topic_id = ${parent} AND ct.removed_at IS NULL)`,
  });
