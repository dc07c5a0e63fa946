import http from 'node:http';
import express from 'express';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { RequestContext, createRequestContext } from './context';
import { Config } from './config';
import { exportRoutes } from './exports/download.route';
import { ingestRoutes } from './http/ingest.route';
import { rateLimited } from './graphql/errors';
import { Logger } from './logger';
import { costPlugin } from './security/cost.plugin';
import { createErrorFormatter } from './security/error-format';
import { corsPolicy, securityHeaders } from './security/headers';
import { httpErrorHandler, requireJsonPost } from './security/http-errors';
import { documentLimits } from './security/limits';
import { RateLimiter } from './security/rate-limit';
import { requestScope } from './security/request-scope';
import { statementTimeoutPlugin } from './security/statement-timeout';

export interface AppDependencies {
  schema: GraphQLSchema;
  runtime: DataSource;
  logger: Logger;
  config: Config;
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

export async function createApp(deps: AppDependencies): Promise<App> {
  const security = deps.config.security;
  const app = express();
  app.disable('x-powered-by');
  // First, so that every response (health, 401, 413, 429, errors) carries the id and the headers.
  app.use(requestScope, ...securityHeaders(), ...corsPolicy(security.corsOrigins));
  const httpServer = http.createServer(app);
  const limits = documentLimits(security);
  const rateLimiter = new RateLimiter(security.rateLimitPerSecond, security.rateLimitBurst);
  const apollo = new ApolloServer<RequestContext>({
    schema: deps.schema,
    // Apollo's own reports (e.g. a request that failed outside GraphQL) go to the service log, not the console.
    logger: deps.logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Its page loads scripts from Apollo's CDN, which the API's Content-Security-Policy forbids.
      ApolloServerPluginLandingPageDisabled(),
      requestTransactionPlugin,
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
    formatError: createErrorFormatter({
      logger: deps.logger,
      hideSuggestions: deps.config.production || !security.introspection,
      statementTimeoutMs: security.statementTimeoutMs,
    }),
  });
  await apollo.start();

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.runtime.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });

  app.use(exportRoutes({ ...deps, rateLimiter }));
  app.use(ingestRoutes({ ...deps, rateLimiter }));
  const contexts = new WeakMap<express.Request, RequestContext>();
  const graphql = expressMiddleware(apollo, {
    context: async ({ req }) => {
      const context = await createRequestContext(deps.runtime, req, {
        maxReportRangeDays: deps.config.reportMaxRangeDays,
        statementTimeoutMs: security.statementTimeoutMs,
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
  app.use('/graphql', express.json({ limit: security.maxBodyBytes }), requireJsonPost, async (req, res, next) => {
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
  });
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
