import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Messages that currently carry a tag: an application not removed yet. */
export const tagMessagesLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, {
    ...LISTS.messages,
    // EXISTS rather than a join: a tag applied twice must not list the message twice.
    scope: (parent) => sql`EXISTS (
      SELECT 1 FROM message_tags mt
       WHERE mt.account_id = t.account_id AND mt.message_id = t.id
         AND mt.tag_id = ${parent} AND mt.removed_at IS NULL)`,
  });
