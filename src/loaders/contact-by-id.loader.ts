import { Contact } from '../entities';
import { createByIdLoader } from './support/by-id-loader';
import { SqlRunner } from './support/sql-runner';

export const contactByIdLoader = (runner: SqlRunner) => createByIdLoader(runner, Contact);
