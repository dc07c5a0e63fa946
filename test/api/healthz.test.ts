import { AddressInfo } from 'node:net';
import { DataSource, QueryRunner } from 'typeorm';
import { loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { runtimeDataSource } from '../../src/db/data-sources';
import { buildGraphQLSchema } from '../../src/graphql/schema';
import { createLogger } from '../../src/logger';
import { App, createApp } from '../../src/server';

/** Issue 16: /healthz must not queue behind the API's request pool. */
describe('/healthz beside a request pool that is all taken', () => {
  let db: Database;
  let runtime: DataSource;
  let app: App;
  let url: string;
  const held: QueryRunner[] = [];

  beforeAll(async () => {
    const config = loadConfig(process.env);
    db = await openDatabase(config, () => undefined);
    runtime = runtimeDataSource((db.runtime.options as { url: string }).url, 2);
    await runtime.initialize();
    app = await createApp({ schema: await buildGraphQLSchema(), runtime, logger: createLogger('silent'), config });
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const runner of held) await runner.release();
    await app.apollo.stop();
    await runtime.destroy();
    await db.close();
  });

  it('answers 200 while every connection of the request pool is held by a request', async () => {
    for (let i = 0; i < 2; i++) {
      const runner = runtime.createQueryRunner();
      await runner.connect();
      await runner.query('SELECT 1');
      held.push(runner);
    }
    // The request pool has nothing left: a query on it now waits.
    const waiting = Promise.race([
      runtime.query('SELECT 1').then(() => 'answered'),
      new Promise((resolve) => setTimeout(() => resolve('waiting'), 500)),
    ]);
    expect(await waiting).toBe('waiting');

    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) });
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { status: 'ok' } });
  });
});
