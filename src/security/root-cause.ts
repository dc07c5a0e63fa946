import { GraphQLError } from 'graphql';

/** The error under Apollo's and graphql-js's wrappers (located resolver errors, validation and context errors). */
export function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

/** The SQLSTATE of a PostgreSQL error, whether pg's own or TypeORM's QueryFailedError around it. */
export function postgresCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const driverError = 'driverError' in error ? error.driverError : error;
  const code = typeof driverError === 'object' && driverError !== null && 'code' in driverError ? driverError.code : undefined;
  return typeof code === 'string' ? code : undefined;
}
