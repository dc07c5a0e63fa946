import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * The fields a connection field's selection reads on its nodes, through `nodes` and through
 * `edges { node }`, across aliases and fragments, so that a page reads only those columns.
 * `@skip`/`@include` are not evaluated: a field they drop is still read, which is only wasteful.
 */
export function selectedNodeFields(info: GraphQLResolveInfo): string[] {
  const names = new Set<string>();
  const eachField = (set: SelectionSetNode | undefined, visit: (field: FieldNode) => void): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) visit(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) eachField(selection.selectionSet, visit);
      else eachField(info.fragments[selection.name.value]?.selectionSet, visit);
    }
  };
  const readNode = (node: FieldNode) => eachField(node.selectionSet, (field) => names.add(field.name.value));
  for (const connection of info.fieldNodes) {
    eachField(connection.selectionSet, (field) => {
      if (field.name.value === 'nodes') readNode(field);
      else if (field.name.value === 'edges') eachField(field.selectionSet, (edge) => edge.name.value === 'node' && readNode(edge));
    });
  }
  return [...names].sort();
}
