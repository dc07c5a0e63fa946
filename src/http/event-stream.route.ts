import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  DocumentNode,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  ParseOptions,
  ValidationRule,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/express';
import { DataSource } from 'typeorm';
import { RequestSettings, createRequestContext } from '../context';
import { isConnectionLoss } from '../db/outage';
import { ExportJobFeed } from '../exports/export-job-feed';
import { followExportJobs } from '../exports/export-job-updates';
import { ExportServices } from '../exports/services';
import { SubscriptionContext } from '../graphql/exports/export-subscription.context';
import { bearerToken, RequestGuards } from '../security/request-guards';
import { databaseUnavailable, rateLimited } from '../security/request-errors';
import { RateLimiter } from '../security/rate-limit';
import { requireJsonPost } from '../security/http-errors';
import { requestIdOf, tagErrorRequest } from '../security/request-scope';
import { Logger } from '../logger';

export const EVENT_STREAM_PATH = '/graphql/stream';

export interface EventStreamDeps {
  schema: GraphQLSchema;
  runtime: DataSource;
  feed: ExportJobFeed;
  exports: ExportServices;
  guards: RequestGuards;
  gate: RequestHandler;
  rateLimiter: RateLimiter;
  settings: RequestSettings;
  maxBodyBytes: number;
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
}

type SseResponse = readonly [string, { status: number; statusText: string; headers: Record<string, string> }];

function httpOf(error: GraphQLError): { status: number; headers: Record<string, string> } {
  const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
  return { status: http?.status ?? 400, headers: Object.fromEntries(http?.headers ?? []) };
}

/**
 * Opens a subscription over Server-Sent Events (graphql-sse, distinct connections mode). The key
 * is admitted exactly as a /graphql request is, by the same code: looked up in a transaction bound
 * to its account, held to the in-flight caps (for the admission: a stream open for hours must not
 * hold a request slot) and charged one request of its rate limit. Only then is the document read:
 * only subscriptions, within the same document limits; queries and mutations belong to /graphql,
 * with its per-request transaction. Refusals are the coded JSON errors of /graphql, with no stream.
 */
export function eventStreamRoute(deps: EventStreamDeps): express.Router {
  const admitted = new WeakMap<Request, SubscriptionContext>();
  const formatted = (error: GraphQLError) => deps.formatError(error.toJSON(), error);
  const refusal = (error: GraphQLError): SseResponse => {
    const { status, headers } = httpOf(error);
    return [
      JSON.stringify({ errors: [formatted(error)] }),
      { status, statusText: 'Refused', headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } },
    ];
  };
  const badRequest = (message: string, code: string) => refusal(new GraphQLError(message, { extensions: { code, http: { status: 400 } } }));

  const handler = createHandler<SubscriptionContext>({
    // Every stream is a connection of its own: no reservations ("single connection mode") to track.
    authenticate: () => null,
    onSubscribe: (req, params) => {
      let document: DocumentNode;
      try {
        document = parse(params.query, deps.parseOptions);
      } catch (error) {
        return badRequest(error instanceof Error ? error.message : String(error), 'GRAPHQL_PARSE_FAILED');
      }
      const operation = getOperationAST(document, params.operationName);
      if (operation?.operation !== 'subscription') {
        return badRequest(`${EVENT_STREAM_PATH} serves subscriptions only; send queries and mutations to /graphql.`, 'BAD_REQUEST');
      }
      const errors = validate(deps.schema, document, [...specifiedRules, ...deps.validationRules]);
      if (errors.length > 0) {
        const [first] = errors;
        return refusal(
          first.extensions.code
            ? first
            : new GraphQLError(first.message, {
                nodes: first.nodes,
                extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
              }),
        );
      }
      return {
        schema: deps.schema,
        document,
        operationName: params.operationName,
        variableValues: params.variables,
        contextValue: admitted.get(req.raw) as SubscriptionContext,
      };
    },
    onNext: (_ctx, req, result) => {
      if (!result.errors) return result;
      const requestId = req.raw.res ? requestIdOf(req.raw.res) : undefined;
      return {
        ...result,
        errors: result.errors.map((error) => {
          // graphql-js reports bad variables with neither a path nor a cause; Apollo calls them BAD_USER_INPUT too.
          const input = !error.path && !error.originalError && !error.extensions.code;
          const reported = input ? new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT' } }) : error;
          tagErrorRequest(reported, requestId);
          return formatted(reported);
        }),
      } as unknown as typeof result;
    },
  });

  const admit = async (req: Request, res: Response, next: NextFunction) => {
    if (req.headers.accept !== 'text/event-stream') {
      const [body, init] = badRequest(`Ask for the stream with "Accept: text/event-stream".`, 'BAD_REQUEST');
      res.status(406).set(init.headers).send(body);
      return;
    }
    try {
      const context = await createRequestContext(deps.runtime, req, deps.settings, deps.exports, deps.guards).catch((error: unknown) => {
        throw isConnectionLoss(error) ? databaseUnavailable() : error;
      });
      await context.finish(true);
      const decision = deps.rateLimiter.take(context.key.id);
      if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
      const closed = new AbortController();
      res.once('close', () => closed.abort());
      const subscriber = { token: bearerToken(req) as string, key: context.key };
      const follow = { runtime: deps.runtime, feed: deps.feed, settings: { statementTimeoutMs: deps.settings.statementTimeoutMs } };
      admitted.set(req, {
        key: context.key,
        exports: deps.exports,
        exportJobUpdates: (exportId) => followExportJobs(follow, subscriber, exportId, closed.signal),
      });
    } catch (error) {
      if (!(error instanceof GraphQLError)) return next(error);
      const [body, init] = refusal(error);
      res.status(init.status).set(init.headers).send(body);
      return;
    }
    try {
      await handler(req, res);
    } catch (error) {
      if (!res.headersSent) return next(error);
      // The stream is already open: all that is left is to end it, and to keep the cause.
      deps.logger.error({ err: error }, 'event stream failed');
      res.end();
    }
  };

  const router = express.Router();
  router.post(EVENT_STREAM_PATH, deps.gate, express.json({ limit: deps.maxBodyBytes }), requireJsonPost, admit);
  return router;
}
