import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { reportResolvers } from './reports';
import { resolvers } from './resolvers';

export async function buildGraphQLSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...resolvers, ...reportResolvers],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
  });
  // type-graphql has no option for describing the root types.
  const query = schema.getQueryType();
  if (query) query.description = 'Entry points: the caller account and its entities, the report catalog and one field per report.';
  return schema;
}

/** The committed `schema/schema.graphql`: sorted so that declaration order never shows as drift. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
