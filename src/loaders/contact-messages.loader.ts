import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

/** Messages a contact wrote (not the replies they received). */
export const contactMessagesLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.messages, scope: (parent) => sql`t.sender_contact_id = ${parent}` });
