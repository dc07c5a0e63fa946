import { Agent } from '../entities';
import { createByIdLoader } from './support/by-id-loader';
import { SqlRunner } from './support/sql-runner';

export const agentByIdLoader = (runner: SqlRunner) => createByIdLoader(runner, Agent);
