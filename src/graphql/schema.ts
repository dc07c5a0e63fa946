import 'reflect-metadata';
import { GraphQLSchema, GraphQLUnionType, lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { PubSub, buildSchema, getMetadataStorage } from 'type-graphql';
// The domain's enumerations get their schema names and descriptions here, before the schema is built.
import './audit/audit-action.enum';
import './exports/export.enums';
import './reports/report.enums';
import { auditResolvers } from './audit';
import { connectorResolvers } from './connectors';
import { exportResolvers } from './exports';
import { ingestResolvers } from './ingest';
import { keyResolvers } from './keys';
import { reportResolvers } from './reports';
import { resolvers } from './resolvers';
import { scheduleResolvers } from './schedules';
import { messageSenderTypeName } from './types/message-sender.union';

/**
 * type-graphql wants a PubSub as soon as the schema has a subscription, although each subscription
 * here brings its own stream (`subscribe`, fed by PostgreSQL's LISTEN/NOTIFY across processes); an
 * in-process topic would miss every change another process makes, so none may be used.
 */
const noTopics: PubSub = {
  publish() {
    throw new Error('subscriptions are fed by their own streams, not by in-process topics');
  },
  subscribe() {
    throw new Error('subscriptions are fed by their own streams, not by in-process topics');
  },
};

/**
 * type-graphql wraps every plain field (no field resolver) in a function that runs the field's
 * middlewares and then reads the property; this schema has no middlewares and no auth checker,
 * so each such field is marked simple and graphql-js reads the property itself, thousands of
 * calls fewer per entity page. A field whose schema name differs from its property keeps the wrapper.
 */
function plainFieldsReadDirectly(): void {
  for (const field of getMetadataStorage().fields) {
    if (field.simple === undefined && field.schemaName === field.name && !field.middlewares?.length && !field.roles?.length)
      field.simple = true;
  }
}

export async function buildGraphQLSchema(): Promise<GraphQLSchema> {
  plainFieldsReadDirectly();
  const schema = await buildSchema({
    resolvers: [
      ...resolvers,
      ...reportResolvers,
      ...keyResolvers,
      ...exportResolvers,
      ...auditResolvers,
      ...ingestResolvers,
      ...scheduleResolvers,
      ...connectorResolvers,
    ],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    pubSub: noTopics,
  });
  // type-graphql wraps a union's resolveType in an async function; the compiled execution
  // (compiled-execution.ts) needs the type at once, as graphql-js takes it too.
  (schema.getType('MessageSender') as GraphQLUnionType).resolveType = messageSenderTypeName;
  // type-graphql has no option for describing the root types.
  const query = schema.getQueryType();
  if (query)
    query.description =
      'Entry points: the caller account and its entities, the report catalog, one field per report, CSV exports, the audit trail and the ingestion status.';
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = 'Changes the caller makes in its own account; each field says which keys may call it.';
  const subscription = schema.getSubscriptionType();
  if (subscription)
    subscription.description =
      'Live updates, served as Server-Sent Events at `/graphql/stream` (graphql-sse protocol) with the same API keys.';
  return schema;
}

/** The committed `schema/schema.graphql`: sorted so that declaration order never shows as drift. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
