import { GraphQLResolveInfo } from 'graphql';
import { badUserInput } from '../../errors';
import { ConnectionLoader, KeysetPosition, PageRequest, SortDirection } from '../../loaders/support/connection-loader';
import { CursorScope, Edge, assertPageSize, cursorValues, decodeCursor, encodeCursor, isCursorOf, pageInfoOf } from '../../pagination';
import { ConnectionArgs, MAX_PAGE_SIZE } from '../types/connection.args';
import { Connection, ConnectionClass } from '../types/connection.type';
import { ListFilter, NO_FILTER } from './list-filter';
import { selectedNodeSelection } from './selected-fields';

const POSITION = [cursorValues.instant, cursorValues.id];

/** The direction is part of the scope, so that a cursor cannot silently be replayed against the other order. */
function scopeOf(accountId: string, direction: SortDirection): CursorScope {
  return { list: `entities:${direction}`, accountId };
}

function decodePosition(cursor: string, accountId: string, direction: SortDirection): KeysetPosition {
  const other = direction === 'asc' ? 'desc' : 'asc';
  if (isCursorOf(cursor, scopeOf(accountId, other), POSITION)) {
    throw badUserInput('`after` was issued for the other `order` of this list.', 'after');
  }
  const [time, id] = decodeCursor(cursor, scopeOf(accountId, direction), POSITION);
  return { time, id };
}

/** An edge whose cursor is encoded only when a query selects it: most lists are read by `nodes`. */
class EntityEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly position: KeysetPosition | null,
    private readonly scope: CursorScope,
  ) {}

  get cursor(): string {
    // The page reads positions whenever the selection names a cursor (selectedNodeSelection).
    if (!this.position) throw new Error('a cursor was read from a page read without positions');
    return encodeCursor(this.scope, [this.position.time, this.position.id]);
  }
}

/**
 * The page a connection field asks its loader for: checks the paging arguments and names the
 * columns the query selects on the nodes and the to-one relations selected there.
 */
export function pageRequestOf(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  accountId: string,
  parentId: string,
  args: ConnectionArgs,
  filter: ListFilter,
): PageRequest {
  assertPageSize(args.first, MAX_PAGE_SIZE);
  const after = args.after == null ? null : decodePosition(args.after, accountId, args.order);
  const { fields, relations, cursors } = selectedNodeSelection(info);
  return {
    parentId,
    first: args.first,
    after,
    direction: args.order,
    where: filter.where,
    whereKey: filter.key,
    fields,
    relations,
    positions: cursors,
  };
}

/**
 * Answers one connection field: asks the relation's loader for the parent's page (batched with
 * the page of every sibling parent), reading only the columns the query selects on the nodes,
 * and leaves the count to the loader too, to run only if `totalCount` is selected.
 */
export async function paginate<T>(
  info: GraphQLResolveInfo,
  accountId: string,
  Type: ConnectionClass<T>,
  loader: ConnectionLoader<T>,
  parentId: string,
  args: ConnectionArgs,
  filter: ListFilter = NO_FILTER,
): Promise<Connection<T>> {
  const request = pageRequestOf(info, accountId, parentId, args, filter);
  const page = await loader.page.load(request);
  const scope = scopeOf(accountId, request.direction);
  const edges = page.rows.map((row) => new EntityEdge(row.node, row.position, scope));
  return new Type({
    edges,
    pageInfo: pageInfoOf(edges, page.hasNextPage, request.after !== null),
    count: () => loader.count.load({ parentId, where: filter.where, whereKey: filter.key }),
  });
}
