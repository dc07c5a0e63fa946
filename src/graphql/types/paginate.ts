import { ConnectionLoader } from '../../loaders/support/connection-loader';
import { badUserInput } from '../errors';
import { ConnectionArgs, MAX_PAGE_SIZE } from './connection.args';
import { Connection, ConnectionClass } from './connection.type';
import { decodeCursor, encodeCursor } from './cursor';
import { ListFilter, NO_FILTER } from './list-filter';

/**
 * Answers one connection field: checks the paging arguments, asks the relation's loader for the
 * parent's page (batched with the page of every sibling parent) and leaves the count to the
 * loader too, to run only if `totalCount` is selected.
 */
export async function paginate<T>(
  Type: ConnectionClass<T>,
  loader: ConnectionLoader<T>,
  parentId: string,
  args: ConnectionArgs,
  filter: ListFilter = NO_FILTER,
): Promise<Connection<T>> {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
    throw badUserInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${args.first}.`, 'first');
  }
  const direction = args.order;
  const after = args.after == null ? null : decodeCursor(args.after, direction);
  const page = await loader.page.load({ parentId, first: args.first, after, direction, where: filter.where, whereKey: filter.key });
  const edges = page.rows.map((row) => ({ cursor: encodeCursor(direction, row.position), node: row.node }));
  return new Type({
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    count: () => loader.count.load({ parentId, where: filter.where, whereKey: filter.key }),
  });
}
