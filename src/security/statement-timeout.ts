import { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { postgresCode, rootCause } from './root-cause';

const QUERY_CANCELED = '57014';
const IN_FAILED_TRANSACTION = '25P02';

/** Statements refused only because an earlier statement of their transaction hit the timeout. */
const abortedByTimeout = new WeakSet<object>();

export function isStatementTimeout(cause: unknown): boolean {
  return postgresCode(cause) === QUERY_CANCELED || (typeof cause === 'object' && cause !== null && abortedByTimeout.has(cause));
}

/**
 * A request runs in one transaction, so once a statement hits `statement_timeout` every later
 * statement of the request (a sibling field, a batched loader) fails with "current transaction is
 * aborted". Those are the same timeout to the client; this marks them so they are reported as
 * TIMEOUT too rather than as internal errors.
 */
export function statementTimeoutPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          const causes = errors.map(rootCause);
          if (!causes.some((cause) => postgresCode(cause) === QUERY_CANCELED)) return;
          for (const cause of causes) {
            if (postgresCode(cause) === IN_FAILED_TRANSACTION && typeof cause === 'object' && cause !== null) abortedByTimeout.add(cause);
          }
        },
      };
    },
  };
}
