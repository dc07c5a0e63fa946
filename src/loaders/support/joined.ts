import { EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A to-one relation of a listed entity that its page reads in the page's own statement (a LEFT
 * JOIN on the referenced row's key) when the query selects it on the nodes, instead of one more
 * by-id batch per relation and level.
 */
export interface ToOneJoin {
  /** What the joined row is kept under on the node, for `joinedRow`. */
  name: string;
  /** The node's GraphQL field whose selection asks for the row (`sender` asks for two joins). */
  field: string;
  entity: EntityTarget<ObjectLiteral>;
  /** The node's column holding the referenced row's id (same account: keys include `account_id`). */
  column: string;
}

export const toOne = (name: string, entity: EntityTarget<ObjectLiteral>, column: string, field = name): ToOneJoin => ({
  name,
  field,
  entity,
  column,
});

// A symbol-keyed property, which GraphQL never reads: cheaper to set, read and collect than an
// entry per node in a WeakMap (each a weak key the collector traces apart) for thousands of nodes per request.
const JOINED = Symbol('joined rows');

type WithJoined = { [JOINED]?: Record<string, unknown> };

export function attachJoined(node: object, name: string, row: unknown): void {
  const holder = node as WithJoined;
  (holder[JOINED] ??= {})[name] = row;
}

/** The row joined into the node's page under `name` (null: no row); undefined when the page did not read it. */
export function joinedRow<T>(node: object, name: string): T | null | undefined {
  return (node as WithJoined)[JOINED]?.[name] as T | null | undefined;
}
