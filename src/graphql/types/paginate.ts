import { ConnectionLoader } from '../../loaders/support/connection-loader';
import { ConnectionArgs, MAX_PAGE_SIZE } from './connection.args';
import { Connection, ConnectionClass } from './connection.type';
import { decodeCursor, encodeCursor } from './cursor';
import { ListFilter, NO_FILTER } from './list-filter';
import { assertPageSize, pageInfoOf } from './page';

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
  assertPageSize(args.first, MAX_PAGE_SIZE);
  const direction = args.order;
  const after = args.after == null ? null : decodeCursor(args.after, direction);
  const page = await loader.page.load({ parentId, first: args.first, after, direction, where: filter.where, whereKey: filter.key });
  const edges = page.rows.map((row) => ({ cursor: encodeCursor(direction, row.position), node: row.node }));
  return new Type({
    edges,
    pageInfo: pageInfoOf(edges, page.hasNextPage, after !== null),
    count: () => loader.count.load({ parentId, where: filter.where, whereKey: filter.key }),
  });
}
