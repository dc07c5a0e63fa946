import { badUserInput } from '../errors';
import { Edge } from './connection.type';
import { PageInfo } from './page-info.type';

/** Every list checks its page size the same way, naming the argument. */
export function assertPageSize(first: number, max: number): void {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badUserInput(`\`first\` must be between 1 and ${max}, got ${first}.`, 'first');
  }
}

/** The page info of a page fetched with one row more than asked for (`hasNextPage` is that extra row). */
export function pageInfoOf<T>(edges: Array<Edge<T>>, hasNextPage: boolean, afterGiven: boolean): PageInfo {
  return {
    hasNextPage,
    hasPreviousPage: afterGiven,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}
