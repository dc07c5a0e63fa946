import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { SqlFragment, renderSql } from './sql';

export interface EntityRow<T> {
  entity: T;
  extras: Record<string, unknown>;
}

export interface SqlRunner {
  rows<R>(statement: SqlFragment): Promise<R[]>;
  /** Rows as entities; columns outside the entity (`__parent`, `__cursor_time`) stay on `extras`. */
  entities<T extends ObjectLiteral>(entity: EntityTarget<T>, statement: SqlFragment): Promise<Array<EntityRow<T>>>;
  tableOf(entity: EntityTarget<unknown>): string;
}

/**
 * All loaders of a request share its one connection, and DataLoader dispatches their batches in
 * the same tick; pg 8 only queues overlapping queries on a client (with a deprecation warning)
 * and pg 9 refuses them, so statements take turns here. Entities are built from TypeORM's column
 * metadata, so hand-written SQL (LATERAL pages, link-table joins) yields the same instances and
 * types as a repository would.
 */
export function createSqlRunner(manager: EntityManager): SqlRunner {
  let previous: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = previous.then(work);
    previous = result.catch(() => undefined);
    return result;
  };

  const rows = <R>(statement: SqlFragment): Promise<R[]> => {
    const { text, values } = renderSql(statement);
    return inTurn(() => manager.query(text, values));
  };

  return {
    rows,
    async entities<T extends ObjectLiteral>(entity: EntityTarget<T>, statement: SqlFragment) {
      const metadata = manager.dataSource.getMetadata(entity);
      const driver = manager.dataSource.driver;
      return (await rows<Record<string, unknown>>(statement)).map((row) => {
        const instance = metadata.create() as T;
        for (const column of metadata.columns) {
          column.setEntityValue(instance, driver.prepareHydratedValue(row[column.databaseName], column));
        }
        return { entity: instance, extras: row };
      });
    },
    tableOf: (entity) => manager.dataSource.getMetadata(entity).tablePath,
  };
}
