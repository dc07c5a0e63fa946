import { Topic } from '../entities';
import { createByIdLoader } from './support/by-id-loader';
import { SqlRunner } from './support/sql-runner';

export const topicByIdLoader = (runner: SqlRunner) => createByIdLoader(runner, Topic);
