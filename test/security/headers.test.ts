import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';
import { expectSecurityHeaders, raw, RawResponse } from './support';

describe('security headers and CORS', () => {
  let app: TestApp;
  let account: TestAccount;

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db, { name: 'Headers Co' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('sets them on every kind of response', async () => {
    const json = { 'content-type': 'application/json' };
    const authorized = { ...json, authorization: `Bearer ${account.key}` };
    const responses: Array<[string, RawResponse, number]> = [
      ['health', await raw(app, { method: 'GET', path: '/healthz' }), 200],
      ['data', await raw(app, { headers: authorized, body: JSON.stringify({ query: '{ account { id } }' }) }), 200],
      ['401', await raw(app, { headers: json, body: JSON.stringify({ query: '{ account { id } }' }) }), 401],
      ['400', await raw(app, { headers: authorized, body: JSON.stringify({ query: '{ nope }' }) }), 400],
      ['413', await raw(app, { headers: authorized, body: JSON.stringify({ query: 'x'.repeat(40_000) }) }), 413],
      ['415', await raw(app, { headers: { 'content-type': 'text/plain' }, body: 'hello' }), 415],
      ['malformed', await raw(app, { headers: authorized, body: '{' }), 400],
    ];
    for (const [label, response, status] of responses) {
      expect({ label, status: response.status }).toEqual({ label, status });
      expectSecurityHeaders(response);
    }
  });

  it('gives each request its own id', async () => {
    const ids = new Set<string | null>();
    for (let i = 0; i < 3; i++) ids.add((await raw(app, { method: 'GET', path: '/healthz' })).headers.get('x-request-id'));
    expect(ids.size).toBe(3);
  });

  it('sends no CORS headers by default, so browsers on other sites get nothing', async () => {
    const preflight = await raw(app, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();

    const simple = await raw(app, {
      headers: { origin: 'https://evil.example', 'content-type': 'application/json', authorization: `Bearer ${account.key}` },
      body: JSON.stringify({ query: '{ account { id } }' }),
    });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  describe('with CORS_ORIGINS configured', () => {
    let corsApp: TestApp;

    beforeAll(async () => {
      corsApp = await startTestApp({
        configure: (config) => ({ ...config, security: { ...config.security, corsOrigins: ['https://bi.example.com'] } }),
      });
    });

    afterAll(async () => {
      await corsApp.close();
    });

    const preflight = (origin: string) =>
      raw(corsApp, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });

    it('answers a preflight from a listed origin and exposes Retry-After and X-Request-Id', async () => {
      const response = await preflight('https://bi.example.com');
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://bi.example.com');
      expect(response.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expectSecurityHeaders(response);

      const actual = await raw(corsApp, {
        headers: { origin: 'https://bi.example.com', 'content-type': 'application/json', authorization: `Bearer ${account.key}` },
        body: JSON.stringify({ query: '{ account { id } }' }),
      });
      expect(actual.headers.get('access-control-allow-origin')).toBe('https://bi.example.com');
      expect(actual.headers.get('access-control-expose-headers')).toBe('Retry-After,X-Request-Id');
    });

    it('gives any other origin no CORS grant', async () => {
      for (const origin of ['https://evil.example', 'https://bi.example.com.evil.example', 'http://bi.example.com']) {
        expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull();
      }
    });
  });
});
