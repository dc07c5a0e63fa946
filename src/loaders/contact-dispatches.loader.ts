import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

export const contactDispatchesLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.dispatches, scope: (parent) => sql`t.contact_id = ${parent}` });
