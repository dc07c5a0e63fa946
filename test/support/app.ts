import { AddressInfo } from 'node:net';
import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { GraphQLSchema } from 'graphql';
import { Config, loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { runtimeDataSource } from '../../src/db/data-sources';
import { installJobQueue } from '../../src/exports/queue';
import { installIngestQueues } from '../../src/ingest/queue';
import { buildGraphQLSchema } from '../../src/graphql/schema';
import { Logger, createLogger } from '../../src/logger';
import { createApp, App } from '../../src/server';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

export interface TestApp {
  url: string;
  db: Database;
  /** Sends a typed document (from test/generated) or raw query text with an API key. */
  graphql<T, V extends Record<string, unknown> = Record<string, unknown>>(
    document: TypedDocumentNode<T, V> | string,
    options?: { key?: string; variables?: V; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** SQL statements the server has sent so far; the difference around a request is its cost. */
  statementCount(): number;
  /** The text of the last statement the server sent whose text contains `part`. */
  lastStatementWith(part: string): string | undefined;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Adjusts the configuration read from the environment, e.g. a tight rate limit for one file. */
  configure?: (config: Config) => Config;
  /** Serves this schema instead of the real one (tests that need a resolver to misbehave). */
  schema?: GraphQLSchema;
  logger?: Logger;
}

/** The real server on an ephemeral port, over the run's PostgreSQL (see global-setup). */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const loaded = loadConfig(process.env);
  const config = options.configure ? options.configure(loaded) : loaded;
  const db = await openDatabase(config, () => undefined);
  await installJobQueue(db.owner);
  await installIngestQueues(db.owner);
  const logger = options.logger ?? createLogger('silent');
  // The server gets its own runtime pool (same role and URL as db.runtime) that counts statements.
  let statements = 0;
  const recent: string[] = [];
  const runtime = runtimeDataSource((db.runtime.options as { url: string }).url, 10, {
    onStatement: (sql) => {
      statements++;
      if (recent.push(sql) > 100) recent.shift();
    },
    poolWaitMs: config.security.poolWaitMs,
  });
  await runtime.initialize();
  const app: App = await createApp({ schema: options.schema ?? (await buildGraphQLSchema()), runtime, logger, config });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  // fetch keeps a socket for about the server's keep-alive time less a second, on timers of a
  // second's grain; at Node's 5 s a test that waits that long between two requests can send the
  // second on a socket the server is closing (ECONNRESET). The test process is the only client.
  app.httpServer.keepAliveTimeout = 60_000;
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  return {
    url,
    db,
    async graphql(document, options = {}) {
      const query = typeof document === 'string' ? document : print(document);
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables: options.variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse<never>, 'status'>;
      return { status: response.status, ...body };
    },
    statementCount: () => statements,
    lastStatementWith: (part) => [...recent].reverse().find((sql) => sql.includes(part)),
    async close() {
      await app.apollo.stop();
      await runtime.destroy();
      await db.close();
    },
  };
}
