import { GraphQLResolveInfo } from 'graphql';
import { notFound } from '../../errors';
import { parseId } from '../../ids';
import { ByIdLoader } from '../../loaders/support/by-id-loader';
import { joinedRow } from '../../loaders/support/joined';
import { selectedFields } from './selected-fields';

/**
 * A root lookup by id. Row Level Security hides other accounts' rows, so a foreign id and a
 * missing one are the same thing to the caller: NOT_FOUND.
 */
export async function findById<T>(loader: ByIdLoader<T>, id: string, typeName: string, info: GraphQLResolveInfo): Promise<T> {
  const row = await loader.load(parseId(id, 'id'), selectedFields(info));
  if (!row) throw notFound(`No ${typeName} with id ${id}.`);
  return row;
}

/** A nullable foreign key: no statement when it is unset. */
export function loadIfSet<T>(loader: ByIdLoader<T>, id: string | null, info: GraphQLResolveInfo): Promise<T | null> | null {
  return id === null ? null : loader.load(id, selectedFields(info));
}

/**
 * A to-one relation: the row the node's page joined when the query selected the relation there,
 * otherwise a lookup (a node reached some other way, or a nullable key that is unset).
 */
export function joinedOr<T>(node: object, name: string, lookUp: () => Promise<T | null> | null): Promise<T | null> | T | null {
  const joined = joinedRow<T>(node, name);
  return joined === undefined ? lookUp() : joined;
}
