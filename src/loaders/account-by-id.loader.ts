import { Account } from '../entities';
import { createByIdLoader } from './support/by-id-loader';
import { SqlRunner } from './support/sql-runner';

export const accountByIdLoader = (runner: SqlRunner) => createByIdLoader(runner, Account);
