import { FieldNode, GraphQLObjectType, GraphQLResolveInfo, Kind, getArgumentValues, getNamedType } from 'graphql';
import { ObjectLiteral, EntityTarget } from 'typeorm';
import { notFound } from '../../errors';
import { parseId } from '../../ids';
import { ByIdLoader } from '../../loaders/support/by-id-loader';
import { ConnectionLoader, PageRequest } from '../../loaders/support/connection-loader';
import { ConnectionArgs } from '../types/connection.args';
import { ListFilter } from './list-filter';
import { findById } from './lookup';
import { pageRequestOf } from './paginate';
import { selectedFields } from './selected-fields';

/** A list of the looked-up row that its lookup may read in the same statement. */
export interface PagedList<A extends ConnectionArgs> {
  /** The connection field on the row's type. */
  field: string;
  loader: ConnectionLoader<ObjectLiteral>;
  filter(args: A): ListFilter;
}

/** The list field, when the lookup selects it once, plainly (no alias twice, no fragment, no directive at that level). */
function plainSelection(info: GraphQLResolveInfo, field: string): FieldNode | null {
  if (info.fieldNodes.length !== 1) return null;
  let found: FieldNode | null = null;
  for (const selection of info.fieldNodes[0].selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD || (selection.directives?.length ?? 0) > 0) return null;
    if (selection.name.value !== field) continue;
    if (found) return null;
    found = selection;
  }
  return found;
}

/**
 * The page the list field will ask for, built as the field itself builds it, or null when the
 * arguments do not make one (the field then refuses them with its own coded error).
 */
function pageAsked<A extends ConnectionArgs>(
  info: GraphQLResolveInfo,
  accountId: string,
  id: string,
  list: PagedList<A>,
): PageRequest | null {
  const node = plainSelection(info, list.field);
  const definition = node && (getNamedType(info.returnType) as GraphQLObjectType).getFields()[list.field];
  if (!node || !definition) return null;
  try {
    const args = getArgumentValues(definition, node, info.variableValues) as unknown as A;
    return pageRequestOf({ fieldNodes: [node], fragments: info.fragments }, accountId, id, args, list.filter(args));
  } catch {
    return null;
  }
}

/**
 * A root lookup by id whose query pages one list of the row (`inbox { conversations }`): the row
 * and that page come from one statement, and the list field finds its page read. An unknown id
 * (or another account's) is NOT_FOUND as in findById.
 */
export async function findByIdWithPage<T extends ObjectLiteral, A extends ConnectionArgs>(
  byId: ByIdLoader<T>,
  entity: EntityTarget<T>,
  id: string,
  typeName: string,
  info: GraphQLResolveInfo,
  accountId: string,
  list: PagedList<A>,
): Promise<T> {
  const request = pageAsked(info, accountId, parseId(id, 'id'), list);
  if (!request) return findById(byId, id, typeName, info);
  const row = await list.loader.pageWithParent(request, { entity, fields: selectedFields(info) });
  if (!row) throw notFound(`No ${typeName} with id ${id}.`);
  return row;
}
