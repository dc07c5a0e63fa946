import { AddressInfo } from 'node:net';
import { Config, loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { buildGraphQLSchema } from '../../src/graphql/schema';
import { createLogger } from '../../src/logger';
import { App, createApp } from '../../src/server';

const DEMO_KEY = 'crk_landing-page-test-key';

/** Issue 9: a browser opening the service finds where things are, and a GraphQL IDE in development. */
describe('what a browser gets', () => {
  let db: Database;
  const apps: App[] = [];

  async function serve(configure: (config: Config) => Config): Promise<string> {
    const config = configure(loadConfig(process.env));
    const app = await createApp({
      schema: await buildGraphQLSchema(),
      runtime: db.runtime,
      logger: createLogger('silent'),
      config,
      demoKey: DEMO_KEY,
    });
    apps.push(app);
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    db = await openDatabase(loadConfig(process.env), () => undefined);
  });

  afterAll(async () => {
    for (const app of apps) await app.apollo.stop();
    await db.close();
  });

  const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

  it('in development: a landing page at / with the demo key, Apollo Sandbox at /graphql', async () => {
    const url = await serve((config) => ({ ...config, production: false }));
    const landing = await fetch(`${url}/`, { headers: browser });
    const page = await landing.text();
    expect(landing.status).toBe(200);
    expect(landing.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page).toContain('<a href="/graphql">/graphql</a>');
    expect(page).toContain('<a href="/healthz">/healthz</a>');
    expect(page).toContain(`<code>${DEMO_KEY}</code>`);

    const sandbox = await fetch(`${url}/graphql`, { headers: browser });
    const html = await sandbox.text();
    expect(sandbox.status).toBe(200);
    expect(html).toContain('embeddable-sandbox.cdn.apollographql.com');
    expect(html).toContain(`Bearer ${DEMO_KEY}`);
    // The page's own meta policy governs its scripts; the header keeps it from being framed.
    expect(sandbox.headers.get('content-security-policy')).toBe("frame-ancestors 'none'; base-uri 'none'; form-action 'none'");

    // Scripts still get the CSRF refusal, under the API's strict policy.
    const script = await fetch(`${url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(script.status).toBe(400);
    expect(script.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('in production: no Sandbox and no key on the landing page', async () => {
    const url = await serve((config) => ({ ...config, production: true }));
    const page = await (await fetch(`${url}/`, { headers: browser })).text();
    expect(page).toContain('<a href="/graphql">/graphql</a>');
    expect(page).not.toContain(DEMO_KEY);
    const sandbox = await fetch(`${url}/graphql`, { headers: browser });
    expect(sandbox.status).toBe(400);
    expect(await sandbox.text()).not.toContain('embeddable-sandbox');
  });
});
