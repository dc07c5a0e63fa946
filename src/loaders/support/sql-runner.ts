import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { SqlFragment, renderSql } from './sql';

export interface EntityRow<T> {
  entity: T;
  extras: Record<string, unknown>;
}

export interface SqlRunner {
  rows<R>(statement: SqlFragment): Promise<R[]>;
  /** Rows as entities; columns outside the entity (`__parent`, `__cursor_time`) stay on `extras`. */
  entities<T extends ObjectLiteral>(entity: EntityTarget<T>, statement: SqlFragment): Promise<Array<EntityRow<T>>>;
  /** The entity whose columns a row carries under `prefix` (a joined row); null when its id is null (no row joined). */
  entityFrom<T extends ObjectLiteral>(entity: EntityTarget<T>, row: Record<string, unknown>, prefix: string): T | null;
  tableOf(entity: EntityTarget<unknown>): string;
  /**
   * The columns to read for `properties` of the entity: theirs, `always`, and every bigint column
   * (keys and references, which field resolvers follow), in table order.
   */
  columnsOf(entity: EntityTarget<unknown>, properties: readonly string[], always: readonly string[]): string[];
}

/** Column types whose node-postgres value is already the one TypeORM would hydrate (text, numbers, booleans, Dates). */
const AS_PG_GIVES = new Set<unknown>(['bigint', 'text', 'integer', 'smallint', 'boolean', 'timestamptz']);

type Hydrate<T> = (row: Record<string, unknown>) => T;
const hydrators = new WeakMap<DataSource, Map<EntityTarget<unknown>, Map<string, Hydrate<unknown>>>>();

/**
 * Builds an entity from a row as TypeORM's own hydration would. Loaders build thousands of
 * entities per request, so each entity's columns are sorted once: a plain top-level column whose
 * pg value needs no conversion is copied, any other (embedded, transformed, other types) goes
 * through TypeORM's metadata.
 */
function hydratorOf<T>(source: DataSource, entity: EntityTarget<T>, prefix = ''): Hydrate<T> {
  const byEntity = hydrators.get(source) ?? new Map<EntityTarget<unknown>, Map<string, Hydrate<unknown>>>();
  hydrators.set(source, byEntity);
  const byPrefix = byEntity.get(entity) ?? new Map<string, Hydrate<unknown>>();
  byEntity.set(entity, byPrefix);
  const known = byPrefix.get(prefix);
  if (known) return known as Hydrate<T>;
  const metadata = source.getMetadata(entity);
  const driver = source.driver;
  const copied = metadata.columns.filter((c) => !c.embeddedMetadata && !c.transformer && !c.isArray && AS_PG_GIVES.has(c.type));
  const converted = metadata.columns.filter((c) => !copied.includes(c));
  const copies = copied.map((c) => [prefix + c.databaseName, c.propertyName] as const);
  const conversions = converted.map((c) => [prefix + c.databaseName, c] as const);
  const hydrate: Hydrate<T> = (row) => {
    const instance = metadata.create() as Record<string, unknown>;
    for (const [column, property] of copies) instance[property] = row[column];
    for (const [name, column] of conversions) column.setEntityValue(instance, driver.prepareHydratedValue(row[name], column));
    return instance as T;
  };
  byPrefix.set(prefix, hydrate as Hydrate<unknown>);
  return hydrate;
}

const columnLists = new WeakMap<DataSource, Map<EntityTarget<unknown>, Map<string, string[]>>>();

// Reading a column costs its parsing for every row (a timestamp most), so a page reads only what it needs.
function columnsOf(source: DataSource, entity: EntityTarget<unknown>, properties: readonly string[], always: readonly string[]): string[] {
  const byEntity = columnLists.get(source) ?? new Map<EntityTarget<unknown>, Map<string, string[]>>();
  columnLists.set(source, byEntity);
  const lists = byEntity.get(entity) ?? new Map<string, string[]>();
  byEntity.set(entity, lists);
  const key = JSON.stringify([properties, always]);
  const known = lists.get(key);
  if (known) return known;
  const wanted = new Set(properties);
  const columns = source
    .getMetadata(entity)
    .columns.filter((c) => c.type === 'bigint' || wanted.has(c.propertyName) || always.includes(c.databaseName))
    .map((c) => c.databaseName);
  lists.set(key, columns);
  return columns;
}

/**
 * All loaders of a request share its one connection (whose statements take turns, see
 * createRequestContext). Entities are built from TypeORM's column metadata, so hand-written SQL
 * (LATERAL pages, link-table joins) yields the same instances and types as a repository would.
 */
export function createSqlRunner(manager: EntityManager): SqlRunner {
  const rows = <R>(statement: SqlFragment): Promise<R[]> => {
    const { text, values } = renderSql(statement);
    return manager.query(text, values);
  };

  return {
    rows,
    async entities<T extends ObjectLiteral>(entity: EntityTarget<T>, statement: SqlFragment) {
      const hydrate = hydratorOf(manager.dataSource, entity);
      return (await rows<Record<string, unknown>>(statement)).map((row) => ({ entity: hydrate(row), extras: row }));
    },
    entityFrom<T extends ObjectLiteral>(entity: EntityTarget<T>, row: Record<string, unknown>, prefix: string) {
      return row[`${prefix}id`] == null ? null : hydratorOf(manager.dataSource, entity, prefix)(row);
    },
    tableOf: (entity) => manager.dataSource.getMetadata(entity).tablePath,
    columnsOf: (entity, properties, always) => columnsOf(manager.dataSource, entity, properties, always),
  };
}
