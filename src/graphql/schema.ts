import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
// The domain's enumerations get their schema names and descriptions here, before the schema is built.
import './audit/audit-action.enum';
import './exports/export.enums';
import './reports/report.enums';
import { auditResolvers } from './audit';
import { exportResolvers } from './exports';
import { ingestResolvers } from './ingest';
import { keyResolvers } from './keys';
import { reportResolvers } from './reports';
import { resolvers } from './resolvers';

export async function buildGraphQLSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...resolvers, ...reportResolvers, ...keyResolvers, ...exportResolvers, ...auditResolvers, ...ingestResolvers],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
  });
  // type-graphql has no option for describing the root types.
  const query = schema.getQueryType();
  if (query) query.description = 'Entry points: the caller account and its entities, the report catalog, one field per report, CSV exports, the audit trail and the ingestion status.';
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = 'Changes the caller makes in its own account; each field says which keys may call it.';
  return schema;
}

/** The committed `schema/schema.graphql`: sorted so that declaration order never shows as drift. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
