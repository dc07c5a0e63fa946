import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

export const conversationEventsLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.conversationEvents, scope: (parent) => sql`t.conversation_id = ${parent}` });
