import { EntityManager } from 'typeorm';

/** Whatever runs a statement in the caller's transaction: a request's EntityManager or a QueryRunner. */
export type Sql = Pick<EntityManager, 'query'>;
