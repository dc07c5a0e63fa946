import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

export const inboxConversationsLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.conversations, scope: (parent) => sql`t.inbox_id = ${parent}` });
