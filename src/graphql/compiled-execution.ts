import { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  DocumentNode,
  ExecutionResult,
  GraphQLError,
  GraphQLScalarType,
  GraphQLSchema,
  OperationDefinitionNode,
  execute,
  getVariableValues,
  isInputType,
  printSchema,
} from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { ResponseSerializer, responseSerializer } from './response-serializer';

type Gateway = ApolloServerOptionsWithGateway<object>['gateway'];
type StringifyResult = NonNullable<ApolloServerOptionsWithGateway<object>['stringifyResult']>;

interface Compiled {
  query: CompiledQuery;
  serialize: ResponseSerializer | null;
}

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
 * The schema as graphql-jit's variable parsing reads it: every input type (scalar, enum, input
 * object) names one scalar that keeps the value it is given. The variables reach the compiled
 * query already coerced by graphql-js, which applies input fields' defaults (graphql-jit leaves
 * them out) and parses enums and custom scalars once (parsing a parsed value again would fail).
 * Only type names go through `getType`: fields, arguments and fragments' object types reach the
 * compiler through the schema's own type objects.
 */
function keepingCoercedVariables(schema: GraphQLSchema): GraphQLSchema {
  const coerced = new GraphQLScalarType({ name: 'Coerced', parseValue: (value) => value, parseLiteral: () => undefined });
  return Object.create(schema, {
    getType: {
      value: (name: string) => {
        const type = schema.getType(name);
        return type && isInputType(type) ? coerced : type;
      },
    },
  }) as GraphQLSchema;
}

/**
 * Execution by documents compiled once (graphql-jit) instead of graphql-js walking the document
 * for every field of every request: the request's CPU, not PostgreSQL, bounds a nested query.
 * It plugs in through Apollo's gateway interface, the documented way to replace its execution;
 * parsing, validation, the limits, the plugins and the error formatting stay Apollo's.
 * Variables are coerced by graphql-js, as its own execution does (same defaults, same errors),
 * then handed to the compiled query. A document the compiler does not take runs on graphql-js.
 * A compiled document's successful answers are written by a serializer compiled with it.
 */
export function compiledExecution(schema: GraphQLSchema): { gateway: Gateway; stringifyResult: StringifyResult } {
  const compilerSchema = keepingCoercedVariables(schema);
  // Apollo's document store hands out the same parsed document for the same text.
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled | null>>();
  const compiledOf = (document: DocumentNode, operation: OperationDefinitionNode, operationName: string | undefined): Compiled | null => {
    const byOperation = compiled.get(document) ?? new Map<string, Compiled | null>();
    compiled.set(document, byOperation);
    const name = operationName ?? '';
    if (!byOperation.has(name)) {
      const query = compileQuery(compilerSchema, document, operationName);
      byOperation.set(name, isCompiledQuery(query) ? { query, serialize: responseSerializer(schema, document, operation) } : null);
    }
    return byOperation.get(name) ?? null;
  };
  // A successful answer's data, until Apollo writes it, with the serializer of its document.
  const serializers = new WeakMap<object, ResponseSerializer>();

  const gateway: Gateway = {
    async load() {
      return {
        executor: async ({ document, request, operation, context }): Promise<ExecutionResult> => {
          const { operationName, variables } = request;
          // No operation (an unknown name, several and none named): graphql-js answers as ever.
          const compiledQuery = operation ? compiledOf(document, operation, operationName) : null;
          if (!operation || !compiledQuery) {
            return execute({ schema, document, variableValues: variables, operationName, contextValue: context });
          }
          const definitions = operation.variableDefinitions ?? [];
          // graphql-js's execute coerces with these very arguments, so its errors are the same.
          const coercion = definitions.length
            ? getVariableValues(schema, definitions, variables ?? {}, { maxErrors: 50 })
            : { coerced: {} };
          if (coercion.errors) return { errors: coercion.errors };
          const result = await compiledQuery.query.query(undefined, context, coercion.coerced);
          if (result.errors) return { ...result, errors: result.errors.map(asGraphqlJsError) };
          if (result.data && compiledQuery.serialize) serializers.set(result.data, compiledQuery.serialize);
          return result;
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {},
  };
  // Apollo's own is JSON.stringify and a newline; answers with errors are still written by it.
  const stringifyResult: StringifyResult = (value) => {
    const serialize = value.data && !value.errors ? serializers.get(value.data) : undefined;
    return `${serialize ? serialize(value) : JSON.stringify(value)}\n`;
  };
  return { gateway, stringifyResult };
}
