import { Message } from '../entities';
import { createByIdLoader } from './support/by-id-loader';
import { SqlRunner } from './support/sql-runner';

export const messageByIdLoader = (runner: SqlRunner) => createByIdLoader(runner, Message);
