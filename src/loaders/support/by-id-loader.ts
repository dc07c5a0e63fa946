import DataLoader from 'dataloader';
import { EntityTarget } from 'typeorm';
import { SqlRunner } from './sql-runner';
import { rawSql, sql } from './sql';

export interface ByIdLoader<T> {
  /**
   * The row with `id`, or null. With `fields` (entity properties the query reads) only their
   * columns and every key are read; without, the whole row.
   */
  load(id: string, fields?: readonly string[]): Promise<T | null>;
}

interface ByIdRequest {
  id: string;
  fields: readonly string[] | null;
}

/**
 * Rows of one table by id, one statement per batch, reading the columns every request of the
 * batch needs together. Row Level Security already limits the table to the request's account, so
 * an id of another account simply resolves to null.
 */
export function createByIdLoader<T extends { id: string }>(runner: SqlRunner, entity: EntityTarget<T>): ByIdLoader<T> {
  const table = rawSql(runner.tableOf(entity));
  const loader = new DataLoader<ByIdRequest, T | null, string>(
    async (requests) => {
      const whole = requests.some((request) => request.fields === null);
      const fields = [...new Set(requests.flatMap((request) => request.fields ?? []))].sort();
      const columns = rawSql(
        whole
          ? '*'
          : runner
              .columnsOf(entity, fields, [])
              .map((name) => `"${name}"`)
              .join(', '),
      );
      const ids = [...new Set(requests.map((request) => request.id))];
      const rows = await runner.entities(entity, sql`SELECT ${columns} FROM ${table} WHERE id = ANY(${ids}::bigint[])`);
      const byId = new Map(rows.map(({ entity: row }) => [row.id, row]));
      return requests.map((request) => byId.get(request.id) ?? null);
    },
    { cacheKeyFn: (request) => (request.fields === null ? request.id : `${request.id}:${request.fields.join(',')}`) },
  );
  return { load: (id, fields) => loader.load({ id, fields: fields ?? null }) };
}
