import { createConnectionLoader } from './support/connection-loader';
import { LISTS } from './support/lists';
import { sql } from './support/sql';
import { SqlRunner } from './support/sql-runner';

export const agentPresencesLoader = (runner: SqlRunner) =>
  createConnectionLoader(runner, { ...LISTS.agentPresences, scope: (parent) => sql`t.agent_id = ${parent}` });
