import fastJson from 'fast-json-stringify';
import {
  DocumentNode,
  FieldNode,
  FormattedExecutionResult,
  FragmentDefinitionNode,
  GraphQLLeafType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  InlineFragmentNode,
  Kind,
  OperationDefinitionNode,
  SelectionNode,
  SelectionSetNode,
  isAbstractType,
  isEnumType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';

type JsonSchema = Record<string, unknown>;
type Fragments = Record<string, FragmentDefinitionNode>;

/** The document has a shape the serializer does not take on (introspection, fields ordered apart by type). */
class Unserializable extends Error {}

// Scalars whose values always serialise to strings; any other custom scalar is written by JSON.stringify.
const STRING_SCALARS = new Set(['String', 'ID', 'DateTime']);

function leafSchema(type: GraphQLLeafType): JsonSchema {
  if (isEnumType(type) || STRING_SCALARS.has(type.name)) return { type: 'string', nullable: true };
  if (type.name === 'Int') return { type: 'integer', nullable: true };
  if (type.name === 'Float') return { type: 'number', nullable: true };
  if (type.name === 'Boolean') return { type: 'boolean', nullable: true };
  return {};
}

/** How `@skip` and `@include` decide a selection: a literal now, a variable at each request. */
function inclusion(selection: SelectionNode): 'always' | 'never' | 'sometimes' {
  let result: 'always' | 'sometimes' = 'always';
  for (const directive of selection.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const condition = directive.arguments?.find((argument) => argument.name.value === 'if')?.value;
    if (condition?.kind !== Kind.BOOLEAN) result = 'sometimes';
    else if (condition.value === (name === 'skip')) return 'never';
  }
  return result;
}

interface Collected {
  fields: Map<string, FieldNode[]>;
  /** Response names first met under a variable's `@skip`/`@include`: a later occurrence may come first at run time. */
  conditional: Set<string>;
}

/** The fields an object of `type` carries for these selection sets, by response name, in the order execution writes them. */
function collect(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  sets: readonly SelectionSetNode[],
  fragments: Fragments,
  under = false,
  into: Collected = { fields: new Map(), conditional: new Set() },
): Map<string, FieldNode[]> {
  for (const set of sets) {
    for (const selection of set.selections) {
      const decided = inclusion(selection);
      if (decided === 'never') continue;
      const conditional = under || decided === 'sometimes';
      if (selection.kind === Kind.FIELD) {
        const name = selection.alias?.value ?? selection.name.value;
        const known = into.fields.get(name);
        if (known && into.conditional.has(name)) throw new Unserializable(name);
        if (!known && conditional) into.conditional.add(name);
        into.fields.set(name, [...(known ?? []), selection]);
        continue;
      }
      const fragment: InlineFragmentNode | FragmentDefinitionNode | undefined =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
      if (!fragment) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      const applies = condition === type || (condition !== undefined && isAbstractType(condition) && schema.isSubType(condition, type));
      if (applies) collect(schema, type, [fragment.selectionSet], fragments, conditional, into);
    }
  }
  return into.fields;
}

function objectSchema(schema: GraphQLSchema, type: GraphQLObjectType, sets: SelectionSetNode[], fragments: Fragments): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, fields] of collect(schema, type, sets, fragments)) {
    const fieldName = fields[0].name.value;
    if (fieldName === '__typename') {
      properties[name] = { type: 'string' };
      continue;
    }
    const field = type.getFields()[fieldName];
    if (!field) throw new Unserializable(fieldName);
    properties[name] = typeSchema(schema, field.type, fields, fragments);
  }
  return { type: 'object', properties, nullable: true };
}

function typeSchema(schema: GraphQLSchema, type: GraphQLOutputType, nodes: FieldNode[], fragments: Fragments): JsonSchema {
  if (isNonNullType(type)) return typeSchema(schema, type.ofType, nodes, fragments);
  if (isListType(type)) return { type: 'array', items: typeSchema(schema, type.ofType, nodes, fragments), nullable: true };
  if (isLeafType(type)) return leafSchema(type);
  const sets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  if (isObjectType(type)) return objectSchema(schema, type, sets, fragments);
  if (!isAbstractType(type)) throw new Unserializable(String(type));
  // An abstract type: the properties of every possible type in one object. Each object carries
  // its own type's fields only, so this holds if every type's fields follow one order.
  const merged: Record<string, JsonSchema> = {};
  for (const possible of schema.getPossibleTypes(type)) {
    const { properties } = objectSchema(schema, possible, sets, fragments) as { properties: Record<string, JsonSchema> };
    const names = Object.keys(merged);
    const positions = Object.keys(properties).map((name) => names.indexOf(name));
    const known = positions.filter((position) => position >= 0);
    const inOrder = known.every((position, index) => index === 0 || position > known[index - 1]);
    const appended = positions.every((position, index) => position >= 0 || positions.slice(index).every((later) => later < 0));
    if (!inOrder || !appended) throw new Unserializable(possible.name);
    Object.assign(merged, properties);
  }
  return { type: 'object', properties: merged, nullable: true };
}

export type ResponseSerializer = (result: FormattedExecutionResult) => string;

/**
 * A serializer of the operation's successful answers, compiled from its selection by
 * fast-json-stringify: it writes the same text as JSON.stringify (same key order, same escaping)
 * without JSON.stringify's inspection of every value. Null for a document it does not take on.
 */
export function responseSerializer(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): ResponseSerializer | null {
  const root = schema.getRootType(operation.operation);
  if (!root) return null;
  const fragments: Fragments = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  try {
    const data = objectSchema(schema, root, [operation.selectionSet], fragments);
    return fastJson({
      type: 'object',
      properties: { data, extensions: { type: 'object', additionalProperties: true } },
    }) as ResponseSerializer;
  } catch (error) {
    if (error instanceof Unserializable) return null;
    throw error;
  }
}
