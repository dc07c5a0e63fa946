import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';
import { codes, raw, RawResponse, reasons } from './support';

const QUERY = '{ account { id } }';

/** Requests that are wrong below the GraphQL level: each gets a coded JSON error and runs nothing. */
describe('malformed and hostile HTTP requests', () => {
  let app: TestApp;
  let account: TestAccount;
  let json: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db, { name: 'HTTP Co' });
    json = { 'content-type': 'application/json', authorization: `Bearer ${account.key}` };
  });

  afterAll(async () => {
    await app.close();
  });

  function expectCoded(response: RawResponse, status: number, code: string, reason?: string): void {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(codes(response.body)).toEqual([code]);
    if (reason) expect(reasons(response.body)).toEqual([reason]);
    expect(response.body.data).toBeUndefined();
  }

  it('refuses a batched request (a JSON array) with 400 BAD_USER_INPUT', async () => {
    const response = await raw(app, { headers: json, body: JSON.stringify([{ query: QUERY }, { query: QUERY }]) });
    expectCoded(response, 400, 'BAD_USER_INPUT', 'BAD_REQUEST');
    expect(response.body.errors?.[0].message).toBe('Operation batching disabled.');
  });

  it.each([
    ['truncated JSON', '{"query": "{ account { id } }"'],
    ['not JSON at all', 'query=%7B%20account%20%7B%20id%20%7D%20%7D'],
    ['a JSON string instead of an object', '"{ account { id } }"'],
  ])('refuses %s with 400 BAD_USER_INPUT / MALFORMED_JSON', async (_label, body) => {
    expectCoded(await raw(app, { headers: json, body }), 400, 'BAD_USER_INPUT', 'MALFORMED_JSON');
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form data', 'application/x-www-form-urlencoded'],
    ['XML', 'application/xml'],
    ['GraphQL text', 'application/graphql'],
  ])('refuses a POST of %s with 415 BAD_USER_INPUT / UNSUPPORTED_MEDIA_TYPE', async (_label, type) => {
    const response = await raw(app, { headers: { ...json, 'content-type': type }, body: JSON.stringify({ query: QUERY }) });
    expectCoded(response, 415, 'BAD_USER_INPUT', 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a POST without a content type with 415', async () => {
    const response = await raw(app, { headers: { authorization: json.authorization }, body: JSON.stringify({ query: QUERY }) });
    expectCoded(response, 415, 'BAD_USER_INPUT', 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a body over 32 KB with 413 QUERY_TOO_COMPLEX / PAYLOAD_TOO_LARGE and accepts one just under it', async () => {
    const padded = (bytes: number) => {
      const envelope = JSON.stringify({ query: QUERY, variables: { pad: '' } });
      return JSON.stringify({ query: QUERY, variables: { pad: 'x'.repeat(bytes - envelope.length) } });
    };
    const under = await raw(app, { headers: json, body: padded(32 * 1024) });
    expect(under.status).toBe(200);
    expect(under.body.errors).toBeUndefined();

    const over = await raw(app, { headers: json, body: padded(32 * 1024 + 1) });
    expectCoded(over, 413, 'QUERY_TOO_COMPLEX', 'PAYLOAD_TOO_LARGE');
    expect(over.body.errors?.[0].message).toBe('The request body is larger than 32768 bytes.');
  });

  it('refuses an unknown operation name with 400 BAD_USER_INPUT', async () => {
    const response = await raw(app, {
      headers: json,
      body: JSON.stringify({ query: 'query Mine { account { id } }', operationName: 'Theirs' }),
    });
    expectCoded(response, 400, 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE');
    expect(response.body.errors?.[0].message).toBe('Unknown operation named "Theirs".');
  });

  it('refuses a document with several operations and no operation name with 400 BAD_USER_INPUT', async () => {
    const response = await raw(app, {
      headers: json,
      body: JSON.stringify({ query: 'query A { account { id } } query B { account { name } }' }),
    });
    expectCoded(response, 400, 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE');
  });

  it('refuses an empty body and a missing query with 400 BAD_USER_INPUT', async () => {
    expectCoded(await raw(app, { headers: json, body: '' }), 400, 'BAD_USER_INPUT', 'BAD_REQUEST');
    expectCoded(await raw(app, { headers: json, body: '{}' }), 400, 'BAD_USER_INPUT', 'BAD_REQUEST');
    expectCoded(
      await raw(app, { headers: json, body: JSON.stringify({ query: QUERY, variables: 'x' }) }),
      400,
      'BAD_USER_INPUT',
      'BAD_REQUEST',
    );
  });

  it('refuses invalid GraphQL syntax with 400 BAD_USER_INPUT', async () => {
    expectCoded(
      await raw(app, { headers: json, body: JSON.stringify({ query: '{ account { id }' }) }),
      400,
      'BAD_USER_INPUT',
      'GRAPHQL_PARSE_FAILED',
    );
  });

  it('refuses persisted queries (switched off) with BAD_USER_INPUT', async () => {
    const response = await raw(app, {
      headers: json,
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    });
    expect(codes(response.body)).toEqual(['BAD_USER_INPUT']);
    expect(reasons(response.body)).toEqual(['PERSISTED_QUERY_NOT_SUPPORTED']);
  });

  describe('CSRF prevention', () => {
    const getUrl = `/graphql?query=${encodeURIComponent(QUERY)}`;

    it('blocks a simple GET (what a cross-site form or image can send) with 400 BAD_USER_INPUT before authenticating', async () => {
      for (const headers of [{}, { authorization: json.authorization }] as Array<Record<string, string>>) {
        const response = await raw(app, { method: 'GET', path: getUrl, headers });
        expectCoded(response, 400, 'BAD_USER_INPUT', 'BAD_REQUEST');
        expect(response.body.errors?.[0].message).toMatch(/Cross-Site Request Forgery/);
      }
    });

    it('serves the same GET once it carries the preflight header a browser cannot add cross-site', async () => {
      const response = await raw(app, {
        method: 'GET',
        path: getUrl,
        headers: { authorization: json.authorization, 'apollo-require-preflight': 'true' },
      });
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ account: { id: account.id } });
    });

    it('never runs a mutation sent as GET', async () => {
      const mutation = encodeURIComponent('mutation { revokeApiKey(id: "1") { id } }');
      const response = await raw(app, {
        method: 'GET',
        path: `/graphql?query=${mutation}`,
        headers: { authorization: json.authorization, 'apollo-require-preflight': 'true' },
      });
      expectCoded(response, 405, 'BAD_USER_INPUT', 'BAD_REQUEST');
    });
  });
});
