import http from 'node:http';
import express from 'express';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { RequestContext, createRequestContext } from './context';
import { Config } from './config';
import { Logger } from './logger';

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
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<RequestContext>({
    schema: deps.schema,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), requestTransactionPlugin],
    includeStacktraceInErrorResponses: false,
    formatError: (formatted) => {
      deps.logger.debug({ error: formatted }, 'graphql error');
      return formatted;
    },
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

  app.use(
    '/graphql',
    express.json({ limit: '32kb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const context = await createRequestContext(deps.runtime, req, { maxReportRangeDays: deps.config.reportMaxRangeDays });
        // Safety net for requests Apollo abandons before willSendResponse (client gone, etc.).
        res.on('close', () => void context.finish(false));
        return context;
      },
    }),
  );
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
