import DataLoader from 'dataloader';
import { notFound } from '../../errors';
import { parseId } from '../../ids';

/**
 * A root lookup by id. Row Level Security hides other accounts' rows, so a foreign id and a
 * missing one are the same thing to the caller: NOT_FOUND.
 */
export async function findById<T>(loader: DataLoader<string, T | null>, id: string, typeName: string): Promise<T> {
  const row = await loader.load(parseId(id, 'id'));
  if (!row) throw notFound(`No ${typeName} with id ${id}.`);
  return row;
}

/** A nullable foreign key: no statement when it is unset. */
export function loadIfSet<T>(loader: DataLoader<string, T | null>, id: string | null): Promise<T | null> | null {
  return id === null ? null : loader.load(id);
}
