import { Inbox } from '../entities';
import { createByIdLoader } from './support/by-id-loader';
import { SqlRunner } from './support/sql-runner';

export const inboxByIdLoader = (runner: SqlRunner) => createByIdLoader(runner, Inbox);
