import { Conversation } from '../entities';
import { createByIdLoader } from './support/by-id-loader';
import { SqlRunner } from './support/sql-runner';

export const conversationByIdLoader = (runner: SqlRunner) => createByIdLoader(runner, Conversation);
