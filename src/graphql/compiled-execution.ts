import { ApolloServerOptionsWithGateway } from '@apollo/server';
import { DocumentNode, ExecutionResult, GraphQLError, GraphQLSchema, execute, printSchema } from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<object>['gateway'];

/**
 * The error graphql-js would have raised: graphql-jit's own kind leaves `extensions` undefined
 * where graphql-js sets an object (Apollo and the error formatting read it), and keeps the
 * original error, which the formatting follows to the coded error, the same way.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const original = error.originalError;
  const located = new GraphQLError(error.message, {
    path: error.path,
    originalError: original ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  // The compiled query computed the locations; graphql-js computes them from nodes it no longer has.
  return Object.assign(located, { locations: error.locations });
}

/**
 * Execution by documents compiled once (graphql-jit) instead of graphql-js walking the document
 * for every field of every request: the request's CPU, not PostgreSQL, bounds a nested query.
 * It plugs in through Apollo's gateway interface, the documented way to replace its execution;
 * parsing, validation, the limits, the plugins and the error formatting stay Apollo's.
 * A document the compiler does not take, or that declares variables, runs on graphql-js.
 */
export function compiledExecution(schema: GraphQLSchema): Gateway {
  // Apollo's document store hands out the same parsed document for the same text.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  const compiledOf = (document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    const byOperation = compiled.get(document) ?? new Map<string, CompiledQuery | null>();
    compiled.set(document, byOperation);
    const name = operationName ?? '';
    if (!byOperation.has(name)) {
      const query = compileQuery(schema, document, operationName);
      byOperation.set(name, isCompiledQuery(query) ? query : null);
    }
    return byOperation.get(name) ?? null;
  };

  return {
    async load() {
      return {
        executor: async ({ document, request, operation, context }): Promise<ExecutionResult> => {
          const { operationName, variables } = request;
          // graphql-jit coerces variables its own way (it leaves out input fields' defaults): an
          // operation that declares variables runs on graphql-js, which coerces them as ever.
          // No operation (an unknown name, several and none named): graphql-js answers as ever.
          const query = !operation || operation.variableDefinitions?.length ? null : compiledOf(document, operationName);
          if (!query) return execute({ schema, document, variableValues: variables, operationName, contextValue: context });
          const result = await query.query(undefined, context, {});
          return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {},
  };
}
