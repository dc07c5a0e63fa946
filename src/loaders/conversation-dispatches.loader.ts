import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Dispatches that opened (or were sent into) a conversation. */
export const conversationDispatchesLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.dispatches, scope: (parent) => sql`t.conversation_id = ${parent}` });
