import DataLoader from 'dataloader';
import { EntityTarget } from 'typeorm';
import { SqlRunner } from './sql-runner';
import { rawSql, sql } from './sql';

/**
 * Rows of one table by id, one statement per batch. Row Level Security already limits the
 * table to the request's account, so an id of another account simply resolves to null.
 */
export function createByIdLoader<T extends { id: string }>(runner: SqlRunner, entity: EntityTarget<T>): DataLoader<string, T | null> {
  const table = rawSql(runner.tableOf(entity));
  return new DataLoader(async (ids) => {
    const rows = await runner.entities(entity, sql`SELECT * FROM ${table} WHERE id = ANY(${[...ids]}::bigint[])`);
    const byId = new Map(rows.map(({ entity: row }) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
