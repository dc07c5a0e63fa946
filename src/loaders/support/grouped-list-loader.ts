import DataLoader from 'dataloader';
import { EntityTarget, ObjectLiteral } from 'typeorm';
import { SqlFragment } from './sql';
import { SqlRunner } from './sql-runner';

/**
 * Short, unpaged lists per parent (an agent's teams, a message's tags…), one statement per
 * batch. `statement` receives the batch's parent ids and must select `__parent` with the
 * entity's columns, in the order each list should have.
 */
export function createGroupedListLoader<T extends ObjectLiteral>(
  runner: SqlRunner,
  entity: EntityTarget<T>,
  statement: (parentIds: string[]) => SqlFragment,
): DataLoader<string, T[]> {
  return new DataLoader(async (parentIds) => {
    const rows = await runner.entities(entity, statement([...parentIds]));
    const byParent = new Map<string, T[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) byParent.get(String(row.extras.__parent))?.push(row.entity);
    return parentIds.map((id) => byParent.get(id) ?? []);
  });
}
