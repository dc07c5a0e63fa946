import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { SelectedRelation } from '../../loaders/support/connection-loader';

export interface NodeSelection {
  /** Every field read on the nodes, sorted. */
  fields: string[];
  /** The node fields that have a selection of their own, sorted by name, with the fields read there (merged over aliases). */
  relations: SelectedRelation[];
  /** Whether a cursor is read: an edge's `cursor`, or `startCursor` / `endCursor` of `pageInfo`. */
  cursors: boolean;
}

type Fragments = GraphQLResolveInfo['fragments'];

function eachField(set: SelectionSetNode | undefined, fragments: Fragments, visit: (field: FieldNode) => void): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) visit(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) eachField(selection.selectionSet, fragments, visit);
    else eachField(fragments[selection.name.value]?.selectionSet, fragments, visit);
  }
}

// Sibling parents share one `fieldNodes` array (graphql-js collects subfields once per list), so
// the 50 pages of a nested list walk the selection once.
const selections = new WeakMap<readonly FieldNode[], NodeSelection>();

/**
 * What a connection field's selection reads on its nodes, through `nodes` and through
 * `edges { node }`, across aliases and fragments, so that a page reads only those columns and
 * joins the to-one relations selected there. `@skip`/`@include` are not evaluated: a field they
 * drop is still read, which is only wasteful.
 */
export function selectedNodeSelection(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): NodeSelection {
  const known = selections.get(info.fieldNodes);
  if (known) return known;
  const names = new Set<string>();
  const nested = new Map<string, Set<string>>();
  let cursors = false;
  const readNode = (node: FieldNode) =>
    eachField(node.selectionSet, info.fragments, (field) => {
      names.add(field.name.value);
      if (!field.selectionSet) return;
      const inner = nested.get(field.name.value) ?? new Set<string>();
      nested.set(field.name.value, inner);
      eachField(field.selectionSet, info.fragments, (child) => inner.add(child.name.value));
    });
  for (const connection of info.fieldNodes) {
    eachField(connection.selectionSet, info.fragments, (field) => {
      if (field.name.value === 'nodes') readNode(field);
      else if (field.name.value === 'edges')
        eachField(field.selectionSet, info.fragments, (edge) => {
          if (edge.name.value === 'node') readNode(edge);
          else if (edge.name.value === 'cursor') cursors = true;
        });
      else if (field.name.value === 'pageInfo')
        eachField(field.selectionSet, info.fragments, (item) => {
          if (item.name.value === 'startCursor' || item.name.value === 'endCursor') cursors = true;
        });
    });
  }
  const selection = {
    fields: [...names].sort(),
    relations: [...nested.keys()].sort().map((field) => ({ field, fields: [...(nested.get(field) ?? [])].sort() })),
    cursors,
  };
  selections.set(info.fieldNodes, selection);
  return selection;
}

const objectSelections = new WeakMap<readonly FieldNode[], string[]>();

/** The fields a field's selection reads on the object it returns, across aliases and fragments, sorted. */
export function selectedFields(info: GraphQLResolveInfo): string[] {
  const known = objectSelections.get(info.fieldNodes);
  if (known) return known;
  const names = new Set<string>();
  for (const node of info.fieldNodes) eachField(node.selectionSet, info.fragments, (field) => names.add(field.name.value));
  const fields = [...names].sort();
  objectSelections.set(info.fieldNodes, fields);
  return fields;
}
