import { Team } from '../entities';
import { createByIdLoader } from './support/by-id-loader';
import { SqlRunner } from './support/sql-runner';

export const teamByIdLoader = (runner: SqlRunner) => createByIdLoader(runner, Team);
