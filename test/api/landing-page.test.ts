import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { Config, loadConfig } from '../../src/config';
import { Database, openDatabase } from '../../src/db/database';
import { buildGraphQLSchema } from '../../src/graphql/schema';
import { createLogger } from '../../src/logger';
import { CONSOLE_DIR, CONSOLE_POLICY } from '../../src/http/console.route';
import { App, createApp } from '../../src/server';

const DEMO_KEY = 'crk_landing-page-test-key';

/** Issues 9 and 14: a browser opening the service gets the analyst console, and a GraphQL IDE in development. */
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

  it('in development: the console at / with the demo key offered, Apollo Sandbox at /graphql', async () => {
    const url = await serve((config) => ({ ...config, production: false }));
    const landing = await fetch(`${url}/`, { headers: browser });
    const page = await landing.text();
    expect(landing.status).toBe(200);
    expect(landing.headers.get('content-type')).toMatch(/^text\/html/);
    // The page names the current build's assets, so it is revalidated on every visit.
    expect(landing.headers.get('cache-control')).toBe('no-cache');
    expect(landing.headers.get('content-security-policy')).toBe(CONSOLE_POLICY);
    expect(CONSOLE_POLICY).toContain("script-src 'self'");
    expect(CONSOLE_POLICY).not.toContain('unsafe-inline');
    expect(page).toContain(`<meta name="demo-key" content="${DEMO_KEY}" />`);
    // No inline script: every script tag loads a file.
    expect(page.match(/<script[^>]*>[^<]*<\/script>/g)).toEqual([
      expect.stringMatching(/^<script type="module" src="\/assets\/main-[A-Z0-9]+\.js"><\/script>$/),
    ]);

    const [scriptAsset] = page.match(/\/assets\/main-[A-Z0-9]+\.js/) ?? [];
    const [style] = page.match(/\/assets\/main-[A-Z0-9]+\.css/) ?? [];
    for (const [asset, type] of [
      [scriptAsset, /^text\/javascript|^application\/javascript/],
      [style, /^text\/css/],
    ] as const) {
      const response = await fetch(`${url}${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(type);
      // Content-hashed names never change content: a year, without revalidation.
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await response.arrayBuffer()).byteLength).toBe(fs.statSync(path.join(CONSOLE_DIR, asset as string)).size);
    }
    const missing = await fetch(`${url}/assets/main-OLDBUILD.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');

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

  it('in production: no Sandbox and no key on the console page', async () => {
    const url = await serve((config) => ({ ...config, production: true }));
    const page = await (await fetch(`${url}/`, { headers: browser })).text();
    expect(page).toContain('<div id="app">');
    expect(page).not.toContain(DEMO_KEY);
    expect(page).not.toContain('demo-key');
    const sandbox = await fetch(`${url}/graphql`, { headers: browser });
    expect(sandbox.status).toBe(400);
    expect(await sandbox.text()).not.toContain('embeddable-sandbox');
  });
});
