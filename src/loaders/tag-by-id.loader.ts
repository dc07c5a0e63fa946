import { Tag } from '../entities';
import { createByIdLoader } from './support/by-id-loader';
import { SqlRunner } from './support/sql-runner';

export const tagByIdLoader = (runner: SqlRunner) => createByIdLoader(runner, Tag);
