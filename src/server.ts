import http from 'node:http';
import express from 'express';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { GraphQLSchema } from 'graphql';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { RequestContext, createRequestContext } from './context';
import { compiledExecution } from './graphql/compiled-execution';
import { Config } from './config';
import { isConnectionLoss, surfaceLostConnectionsInQueries } from './db/outage';
import { installTimestamptzParser } from './db/timestamp-parser';
import { ExportJobFeed } from './exports/export-job-feed';
import { createExportServices } from './exports/services';
import { exportRoutes } from './http/download.route';
import { eventStreamRoute } from './http/event-stream.route';
import { ingestRoutes } from './http/ingest.route';
import { chatwootWebhookRoutes } from './http/chatwoot-webhook.route';
import { pullRoutes } from './http/pull.route';
import { consoleRoutes } from './http/console.route';
import { sandboxPlugin, sandboxPolicy } from './http/sandbox';
import { databaseUnavailable, rateLimited } from './security/request-errors';
import { Logger } from './logger';
import { costPlugin } from './security/cost.plugin';
import { createErrorFormatter, literalFieldPlugin } from './security/error-format';
import { corsPolicy, securityHeaders } from './security/headers';
import { httpErrorHandler, requireJsonPost } from './security/http-errors';
import { documentLimits } from './security/limits';
import { RateLimiter } from './security/rate-limit';
import { startRequestGuards } from './security/request-guards';
import { requestScope, tagErrorRequest } from './security/request-scope';
import { statementTimeoutPlugin } from './security/statement-timeout';

export interface AppDependencies {
  schema: GraphQLSchema;
  runtime: DataSource;
  logger: Logger;
  config: Config;
  /** The first demo account's key, when this process knows it: offered in the development pages. */
  demoKey?: string;
}

export interface App {
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
}

/** Ends each request's transaction before its response leaves, so a client never reads ahead of a commit. */
const requestTransactionPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
        await contextValue.finish?.(!failed);
      },
    };
  },
};

/** Tags each error of a request with the request's id, for formatError, which is given the error alone. */
const requestIdPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart({ contextValue }) {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) tagErrorRequest(error, contextValue.requestId);
      },
    };
  },
};

/**
 * The health check's own connection, apart from the request pool: a pool busy with slow reports
 * must not make the service look dead, and a dead database must answer 503 at once rather than
 * after a wait for a pooled connection.
 */
function healthCheck(runtime: DataSource): { pool: Pool; plugin: ApolloServerPlugin<RequestContext> } {
  const { url } = runtime.options as { url?: string };
  const pool = new Pool({
    connectionString: url,
    max: 1,
    connectionTimeoutMillis: 2000,
    query_timeout: 2000,
    application_name: 'chat-reporting-health',
  });
  // An idle connection lost in an outage is dropped by the pool; the next check reports the outage.
  pool.on('error', () => undefined);
  surfaceLostConnectionsInQueries(pool);
  const plugin: ApolloServerPlugin<RequestContext> = {
    async serverWillStart() {
      return { serverWillStop: () => pool.end() };
    },
  };
  return { pool, plugin };
}

/**
 * The process's feed of export changes for the event stream. It stops while the server drains, so
 * that every open stream ends with its `complete` event instead of being cut at the grace period.
 */
async function exportFeed(
  runtime: DataSource,
  logger: Logger,
): Promise<{ feed: ExportJobFeed; plugin: ApolloServerPlugin<RequestContext> }> {
  const { url } = runtime.options as { url?: string };
  if (!url) throw new Error('the API needs its runtime data source configured by URL');
  const feed = new ExportJobFeed(url, logger);
  await feed.start();
  return {
    feed,
    plugin: {
      async serverWillStart() {
        // Streams end as draining starts (or the drain would wait for them); the connection closes with the other listeners.
        return { drainServer: async () => feed.endStreams(), serverWillStop: () => feed.stop() };
      },
    },
  };
}

export async function createApp(deps: AppDependencies): Promise<App> {
  // A nested page reads a thousand timestamps; node-postgres's own parser is slow (see timestamptzParser).
  installTimestamptzParser();
  const security = deps.config.security;
  const app = express();
  app.disable('x-powered-by');
  // Every answer is `no-store`, so an ETag (a SHA-1 over each response body) would never be used.
  app.set('etag', false);
  // First, so that every response (health, 401, 413, 429, errors) carries the id and the headers.
  app.use(requestScope, ...securityHeaders(), ...corsPolicy(security.corsOrigins));
  const httpServer = http.createServer(app);
  const limits = documentLimits(security);
  const rateLimiter = new RateLimiter(security.rateLimitPerSecond, security.rateLimitBurst);
  const { guards, gate, plugin: guardsPlugin } = await startRequestGuards(deps.runtime, security, deps.logger);
  const health = healthCheck(deps.runtime);
  const exportChanges = await exportFeed(deps.runtime, deps.logger);
  const sandbox = !deps.config.production && security.introspection;
  const formatError = createErrorFormatter({
    logger: deps.logger,
    hideSuggestions: deps.config.production || !security.introspection,
    statementTimeoutMs: security.statementTimeoutMs,
  });
  const execution = compiledExecution(deps.schema);
  const apollo = new ApolloServer<RequestContext>({
    gateway: execution.gateway,
    stringifyResult: execution.stringifyResult,
    // Apollo's own reports (e.g. a request that failed outside GraphQL) go to the service log, not the console.
    logger: deps.logger,
    plugins: [
      // Every response is `no-store` already (securityHeaders); Apollo's default cache-control
      // plugin would wrap every field resolver of every request only to compute a policy unused.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      sandboxPlugin(sandbox, deps.demoKey),
      requestTransactionPlugin,
      requestIdPlugin,
      guardsPlugin,
      health.plugin,
      exportChanges.plugin,
      literalFieldPlugin,
      costPlugin(security.maxCost),
      statementTimeoutPlugin(),
    ],
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    introspection: security.introspection,
    // Clients post whole documents; a cache of registered ones would only be more to attack.
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    // The entry points own shutdown (worker, pools, embedded PostgreSQL); Apollo's own SIGTERM
    // handler would stop it concurrently and leave their stop() waiting forever.
    stopOnTerminationSignals: false,
    formatError,
  });
  await apollo.start();

  app.use(consoleRoutes({ demoKey: sandbox ? deps.demoKey : undefined }));
  app.get('/healthz', async (_req, res) => {
    try {
      await health.pool.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  const exportServices = createExportServices(deps.config);
  app.use(exportRoutes({ runtime: deps.runtime, services: exportServices, logger: deps.logger, rateLimiter }));
  const settings = {
    maxReportRangeDays: deps.config.reportMaxRangeDays,
    statementTimeoutMs: security.statementTimeoutMs,
    requestTimeoutMs: security.requestTimeoutMs,
  };
  app.use(ingestRoutes({ ...deps, rateLimiter, guards }));
  app.use(chatwootWebhookRoutes({ ...deps, rateLimiter, guards, httpServer }));
  app.use(
    pullRoutes({
      runtime: deps.runtime,
      services: exportServices,
      logger: deps.logger,
      pull: deps.config.pull,
      maxReportRangeDays: settings.maxReportRangeDays,
      statementTimeoutMs: settings.statementTimeoutMs,
      requestTimeoutMs: settings.requestTimeoutMs,
      rateLimiter,
      guards,
      gate,
    }),
  );
  // Before /graphql, whose mount would take the stream's path too.
  app.use(
    eventStreamRoute({
      schema: deps.schema,
      runtime: deps.runtime,
      feed: exportChanges.feed,
      exports: exportServices,
      guards,
      gate,
      rateLimiter,
      settings,
      maxBodyBytes: security.maxBodyBytes,
      validationRules: limits.validationRules,
      parseOptions: limits.parseOptions,
      formatError,
      logger: deps.logger,
    }),
  );
  const contexts = new WeakMap<express.Request, RequestContext>();
  const graphql = expressMiddleware(apollo, {
    context: async ({ req }) => {
      const context = await createRequestContext(deps.runtime, req, settings, exportServices, guards).catch((error: unknown) => {
        // No key can be checked without the database: 503 with Retry-After, not a 500.
        throw isConnectionLoss(error) ? databaseUnavailable() : error;
      });
      contexts.set(req, context);
      const decision = rateLimiter.take(context.key.id);
      if (!decision.allowed) {
        await context.finish(false);
        throw rateLimited(decision.retryAfterSeconds);
      }
      return context;
    },
  });
  app.use(
    '/graphql',
    sandboxPolicy(sandbox),
    gate,
    express.json({ limit: security.maxBodyBytes }),
    requireJsonPost,
    async (req, res, next) => {
      try {
        await graphql(req, res, next);
      } finally {
        // Safety net for requests Apollo gives up on before willSendResponse (a refused batch, an
        // error outside GraphQL). It runs once Apollo is done, not when the client hangs up, so no
        // resolver still holds the transaction; a failure here is logged, as unhandled it would end
        // the process.
        await contexts
          .get(req)
          ?.finish(false)
          .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not end an abandoned request transaction'));
      }
    },
  );
  // Keep last: it catches what every route above passes on.
  app.use(httpErrorHandler(deps.logger, security.maxBodyBytes));
  return { httpServer, apollo };
}

export function listen(httpServer: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      const address = httpServer.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
