import { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  DocumentNode,
  GraphQLCompositeType,
  GraphQLError,
  GraphQLField,
  Kind,
  SelectionNode,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
} from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { queryTooComplex } from './request-errors';

/**
 * Unpaged lists (an agent's teams, a message's tags, a report's columns) have no `first` to read,
 * so each is assumed to hold this many items: they are small relations, and a guess that is too
 * low would let nesting them through connections slip past the limit.
 */
const UNPAGED_LIST_SIZE = 10;

function hasFields(type: GraphQLCompositeType, ...names: string[]): boolean {
  return isObjectType(type) && names.every((name) => name in type.getFields());
}

/** Structural, so that every connection counts the same whoever made it (entity, report or export). */
const isConnection = (type: GraphQLCompositeType) => hasFields(type, 'edges', 'pageInfo');
/** Edges and page info wrap nodes that are already counted; they add nothing themselves. */
const isWrapper = (type: GraphQLCompositeType) => hasFields(type, 'cursor', 'node') || hasFields(type, 'hasNextPage', 'endCursor');

/**
 * What one day of a report's range costs. A report page is not only its rows: PostgreSQL computes
 * the whole range to rank or aggregate it, and `totalCount` runs the range once more, so a report
 * costs its rows plus this per day per pass. At 25, one report over a year with `totalCount` costs
 * about 18,400 and two fit in the default maximum, where fifteen aliased ones used to pass as 1,515.
 */
export const REPORT_DAY_COST = 25;
const DAY_MS = 86_400_000;

/** Days the filter's range spans, rounded up; wall-clock ends are read as UTC, close enough to price. */
function rangeDays(filter: unknown): number {
  const ends = filter as { from?: { text?: string }; to?: { text?: string } } | undefined;
  const instant = (text: string | undefined) => {
    if (!text) return NaN;
    const withTime = text.includes('T') ? text : `${text}T00:00`;
    return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(withTime) ? withTime : `${withTime}Z`);
  };
  const [from, to] = [instant(ends?.from?.text), instant(ends?.to?.text)];
  if (Number.isNaN(from) || Number.isNaN(to) || to <= from) return 1;
  return Math.ceil((to - from) / DAY_MS);
}

/** Whether the selection asks for `totalCount`; a fragment spread is not followed and so counts as asking. */
function selectsTotalCount(selections: readonly SelectionNode[] | undefined): boolean {
  return (selections ?? []).some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === 'totalCount';
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectsTotalCount(selection.selectionSet.selections);
    return true;
  });
}

/** A report field: a connection whose rows depend on a ReportFilter's range. */
function isReportField(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((arg) => arg.name === 'filter' && getNamedType(arg.type).name === 'ReportFilter');
}

function pageSize(args: Record<string, unknown>): number {
  return typeof args.first === 'number' ? Math.max(args.first, 0) : 1;
}

/**
 * Cost = the most objects (entities, report rows, connections) the response could hold. Scalars
 * cost nothing; a connection costs one plus `first` times the cost of one item, with `first`
 * read after variables and schema defaults are applied, so `first: $n` costs what the literal does.
 * A report field adds the database's work on its range (REPORT_DAY_COST per day, twice with `totalCount`).
 */
export const nodeCountEstimator: ComplexityEstimator = ({ type: parent, field, node, args, childComplexity }) => {
  const type = getNamedType(field.type);
  if (!isCompositeType(type)) return 0;
  if (isConnection(type) && isReportField(field)) {
    const passes = selectsTotalCount(node.selectionSet?.selections) ? 2 : 1;
    return 1 + pageSize(args) * childComplexity + passes * rangeDays(args.filter) * REPORT_DAY_COST;
  }
  if (isConnection(type)) return 1 + pageSize(args) * childComplexity;
  if (isWrapper(type)) return childComplexity;
  const item = 1 + childComplexity;
  // A connection's own `nodes` list is already multiplied by the connection's page size.
  return isListType(getNullableType(field.type)) && !isConnection(parent) ? UNPAGED_LIST_SIZE * item : item;
};

const PRICES_PER_DOCUMENT = 64;

/** graphql-query-complexity gives up on documents that expand (through fragments) past this many selections. */
const TOO_MANY_SELECTIONS = 'Query exceeds the maximum allowed number of nodes.';

/**
 * Prices the operation once Apollo has picked it (after validation, before execution) and
 * refuses it above `maxCost` with QUERY_TOO_COMPLEX; every priced response carries
 * `extensions.cost` so clients can see how close they are.
 */
export function costPlugin<TContext extends BaseContext>(maxCost: number): ApolloServerPlugin<TContext> {
  // Apollo hands every request with the same text the same parsed document, and the price
  // depends only on it, the operation and the variables: clients repeating a query (dashboards, BI
  // paging) are priced once per variables. A bounded number of variable sets per document is kept.
  const prices = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // An operation that cannot be picked never executes; execution reports why.
          if (!operation) return;
          const known = prices.get(document) ?? new Map<string, number>();
          const priceKey = JSON.stringify([operation.name?.value ?? null, request.variables ?? {}]);
          try {
            cost =
              known.get(priceKey) ??
              getComplexity({
                schema,
                query: document,
                operationName: operation.name?.value,
                variables: request.variables ?? {},
                estimators: [nodeCountEstimator],
              });
            if (!known.has(priceKey) && known.size < PRICES_PER_DOCUMENT) {
              known.set(priceKey, cost);
              prices.set(document, known);
            }
          } catch (error) {
            if (error instanceof GraphQLError && error.message === TOO_MANY_SELECTIONS) {
              throw queryTooComplex('The query expands (through its fragments) into too many selections to run.', 'MAX_COST');
            }
            // Variables that do not fit their types: the same error execution would give.
            const message = error instanceof GraphQLError ? error.message : 'The variables do not fit the operation.';
            throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
          if (cost > maxCost) {
            throw queryTooComplex(
              `The query could return up to ${cost} nodes; at most ${maxCost} are allowed. Ask for smaller pages (\`first\`) or fewer nested lists.`,
              'MAX_COST',
              { cost, maximumCost: maxCost },
            );
          }
        },
        async willSendResponse({ response }) {
          if (cost === undefined || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: { requested: cost, maximum: maxCost } };
        },
      };
    },
  };
}
