import { ConfigError, loadConfig } from '../../src/config';

describe('security settings from the environment', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({}).security).toEqual({
      maxDepth: 10,
      maxAliases: 15,
      maxDirectives: 50,
      maxTokens: 2000,
      maxBodyBytes: 32_768,
      maxCost: 50_000,
      rateLimitPerSecond: 50,
      rateLimitBurst: 500,
      statementTimeoutMs: 10_000,
      maxInFlightPerKey: 4,
      maxInFlightPerAccount: 6,
      requestTimeoutMs: 15_000,
      poolWaitMs: 3000,
      introspection: true,
      corsOrigins: [],
    });
  });

  it('reads every variable', () => {
    const security = loadConfig({
      GRAPHQL_MAX_DEPTH: '8',
      GRAPHQL_MAX_ALIASES: '5',
      GRAPHQL_MAX_DIRECTIVES: '10',
      GRAPHQL_MAX_TOKENS: '1000',
      GRAPHQL_MAX_BODY_BYTES: '65536',
      GRAPHQL_MAX_COST: '20000',
      RATE_LIMIT_PER_SECOND: '5',
      RATE_LIMIT_BURST: '20',
      STATEMENT_TIMEOUT_MS: '2500',
      REQUESTS_IN_FLIGHT_PER_KEY: '3',
      REQUESTS_IN_FLIGHT_PER_ACCOUNT: '5',
      REQUEST_TIMEOUT_MS: '9000',
      DB_POOL_WAIT_MS: '750',
      GRAPHQL_INTROSPECTION: 'false',
      CORS_ORIGINS: 'https://bi.example.com, http://localhost:3000',
    }).security;
    expect(security).toEqual({
      maxDepth: 8,
      maxAliases: 5,
      maxDirectives: 10,
      maxTokens: 1000,
      maxBodyBytes: 65_536,
      maxCost: 20_000,
      rateLimitPerSecond: 5,
      rateLimitBurst: 20,
      statementTimeoutMs: 2500,
      maxInFlightPerKey: 3,
      maxInFlightPerAccount: 5,
      requestTimeoutMs: 9000,
      poolWaitMs: 750,
      introspection: false,
      corsOrigins: ['https://bi.example.com', 'http://localhost:3000'],
    });
  });

  it.each([
    ['GRAPHQL_MAX_DEPTH', '0'],
    ['GRAPHQL_MAX_COST', 'lots'],
    ['RATE_LIMIT_BURST', '1.5'],
    ['STATEMENT_TIMEOUT_MS', '-1'],
    ['REQUESTS_IN_FLIGHT_PER_KEY', '0'],
    ['REQUEST_TIMEOUT_MS', 'soon'],
    ['DB_POOL_WAIT_MS', '0'],
    ['GRAPHQL_INTROSPECTION', 'maybe'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'https://bi.example.com/'],
    ['CORS_ORIGINS', 'bi.example.com'],
  ])('refuses %s=%s with a clear error', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
