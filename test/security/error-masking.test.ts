import { GraphQLSchema, getIntrospectionQuery } from 'graphql';
import pino from 'pino';
import { RequestContext } from '../../src/context';
import { buildGraphQLSchema } from '../../src/graphql/schema';
import { INTERNAL_MESSAGE } from '../../src/security/error-format';
import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';
import { codes, LEAK_PATTERNS, PUBLIC_CODES, raw, reasons } from './support';

/** A schema whose `account` field fails the way a bug would: a broken statement, then a thrown error naming a file. */
async function brokenSchema(): Promise<GraphQLSchema> {
  const schema = await buildGraphQLSchema();
  const fields = schema.getQueryType()!.getFields();
  fields.account.resolve = async (_root, _args, ctx: RequestContext) =>
    ctx.manager.query('SELECT secret_column FROM no_such_table WHERE id = $1', [1]);
  fields.reportCatalog.resolve = () => {
    throw new Error('ENOENT: no such file or directory, open /work/main/src/catalog/secret.ts');
  };
  return schema;
}

describe('internal errors are masked and logged with the request id', () => {
  let app: TestApp;
  let account: TestAccount;
  const logged: Array<Record<string, any>> = [];

  beforeAll(async () => {
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    app = await startTestApp({ schema: await brokenSchema(), logger });
    account = await createAccount(app.db, { name: 'Broken Co' });
  });

  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['a failing SQL statement', '{ account { id } }', 'no_such_table'],
    ['a thrown error naming a file', '{ reportCatalog { key } }', 'secret.ts'],
  ])('hides %s behind a generic message and logs the real one', async (_label, query, secret) => {
    const response = await raw(app, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${account.key}` },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(200);
    expect(codes(response.body)).toEqual(['INTERNAL_SERVER_ERROR']);
    const requestId = response.headers.get('x-request-id');
    expect(response.body.errors?.[0]).toEqual({
      message: INTERNAL_MESSAGE,
      locations: expect.any(Array),
      path: [expect.any(String)],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    });
    expect(response.text).not.toContain(secret);
    for (const pattern of LEAK_PATTERNS) expect(response.text).not.toMatch(pattern);

    const entry = logged.find((line) => line.requestId === requestId);
    expect(entry).toMatchObject({ msg: 'internal error', err: { message: expect.stringContaining(secret), stack: expect.any(String) } });
  });
});

describe('client-facing error codes and messages', () => {
  let app: TestApp;
  let production: TestApp;
  let closed: TestApp;
  let account: TestAccount;

  beforeAll(async () => {
    // One test sends five requests of one key at once, more than REQUESTS_IN_FLIGHT_PER_KEY allows by default.
    app = await startTestApp({ configure: (config) => ({ ...config, security: { ...config.security, maxInFlightPerKey: 10 } }) });
    production = await startTestApp({ configure: (config) => ({ ...config, production: true }) });
    closed = await startTestApp({ configure: (config) => ({ ...config, security: { ...config.security, introspection: false } }) });
    account = await createAccount(app.db, { name: 'Codes Co' });
  });

  afterAll(async () => {
    await Promise.all([app.close(), production.close(), closed.close()]);
  });

  const MISTAKES = [
    '{ acount { id } }',
    '{ account { nme } }',
    '{ conversations(frist: 1) { totalCount } }',
    'query($o: ChronologicalOrder!) { conversations(order: $o) { totalCount } }',
  ];

  it('suggests field, argument and enum names outside production', async () => {
    const response = await app.graphql(MISTAKES[0], { key: account.key });
    expect(response.errors?.[0].message).toMatch(/^Cannot query field "acount" on type "Query". Did you mean "account"/);
  });

  it.each([
    ['in production', () => production],
    ['with introspection off', () => closed],
  ])('hides every "Did you mean" %s', async (_label, server) => {
    for (const query of MISTAKES) {
      const response = await server().graphql(query, { key: account.key, variables: { o: 'NEWEST' } });
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0].message).not.toMatch(/Did you mean|account"|"first|NEWEST_FIRST/);
    }
    const response = await server().graphql(MISTAKES[0], { key: account.key });
    expect(response.errors?.[0].message).toBe('Cannot query field "acount" on type "Query".');
  });

  it('serves introspection by default and refuses it with FORBIDDEN when switched off', async () => {
    const open = await app.graphql(getIntrospectionQuery(), { key: account.key });
    expect(open.errors).toBeUndefined();

    const refused = await closed.graphql('{ __schema { types { name } } }', { key: account.key });
    expect(refused.status).toBe(400);
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(reasons(refused)).toEqual(['INTROSPECTION_DISABLED']);
    expect(refused.errors?.[0].message).toBe('Introspection is disabled on this server.');
    const typeLookup = await closed.graphql('{ __type(name: "Account") { name } }', { key: account.key });
    expect(codes(typeLookup)).toEqual(['FORBIDDEN']);
  });

  it('keeps the original Apollo code as `reason` and never shows an Apollo code as the code', async () => {
    const responses = await Promise.all([
      app.graphql('{ account { id }', { key: account.key }),
      app.graphql('{ nope }', { key: account.key }),
      app.graphql('query($n: Int!) { conversations(first: $n) { totalCount } }', { key: account.key }),
      app.graphql('{ account { id } }'),
      app.graphql('query($id: ID!) { conversation(id: $id) { id } }', { key: account.key, variables: { id: '999999999' } }),
      app.graphql('query($id: ID!) { conversation(id: $id) { id } }', { key: account.key, variables: { id: 'abc' } }),
    ]);
    expect(responses.map(codes)).toEqual([
      ['BAD_USER_INPUT'],
      ['BAD_USER_INPUT'],
      ['BAD_USER_INPUT'],
      ['UNAUTHENTICATED'],
      ['NOT_FOUND'],
      ['BAD_USER_INPUT'],
    ]);
    expect(responses.slice(0, 2).map(reasons)).toEqual([['GRAPHQL_PARSE_FAILED'], ['GRAPHQL_VALIDATION_FAILED']]);
    for (const response of responses) {
      for (const error of response.errors ?? []) {
        expect(PUBLIC_CODES).toContain(error.extensions?.code);
        expect(Object.keys(error.extensions ?? {})).not.toContain('stacktrace');
      }
    }
  });
});
