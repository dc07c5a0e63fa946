import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';
import { codes, reasons } from './support';

/**
 * A chain of `levels` nested fields, leaf included: inboxes → nodes → conversations → nodes →
 * inbox → conversations → nodes → inbox → … Depth as graphql-armor counts it (fields, not fragments).
 */
function nested(levels: number): string {
  const chain = ['inboxes(first: 1)', 'nodes'];
  const cycle = ['conversations(first: 1)', 'nodes', 'inbox'];
  while (chain.length < levels - 1) chain.push(cycle[(chain.length - 2) % cycle.length]);
  const last = chain[chain.length - 1];
  const leaf = last.startsWith('conversations') || last.startsWith('inboxes') ? 'totalCount' : 'id';
  return `{ ${chain.map((field) => `${field} { `).join('')}${leaf}${' }'.repeat(chain.length)} }`;
}

/** The same depth reached only through fragments: each fragment adds one conversation → inbox hop. */
function nestedFragments(hops: number): string {
  const fragments = Array.from({ length: hops }, (_, i) =>
    i === hops - 1
      ? `fragment Hop${i} on Inbox { conversations(first: 1) { nodes { inbox { id } } } }`
      : `fragment Hop${i} on Inbox { conversations(first: 1) { nodes { inbox { ...Hop${i + 1} } } } }`,
  );
  return `{ inboxes(first: 1) { nodes { ...Hop0 } } } ${fragments.join(' ')}`;
}

describe('query shape limits (defaults: depth 10, aliases 15, directives 50, tokens 2000)', () => {
  let app: TestApp;
  let account: TestAccount;

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db, { name: 'Limits Co' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('accepts a query of depth 10 and refuses depth 11 with QUERY_TOO_COMPLEX / MAX_DEPTH', async () => {
    const allowed = await app.graphql(nested(10), { key: account.key });
    expect(allowed.status).toBe(200);
    expect(allowed.errors).toBeUndefined();

    const refused = await app.graphql(nested(11), { key: account.key });
    expect(refused.status).toBe(400);
    expect(refused.data).toBeUndefined();
    expect(codes(refused)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(reasons(refused)).toEqual(['MAX_DEPTH']);
    expect(refused.errors?.[0].message).toBe('Query depth limit of 10 exceeded, found 11.');
  });

  it('counts depth through nested fragments', async () => {
    // inboxes, nodes, then 3 levels per hop, plus the leaf: 2 + 3 * 3 + 1 = 12.
    const refused = await app.graphql(nestedFragments(3), { key: account.key });
    expect(refused.status).toBe(400);
    expect(codes(refused)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(reasons(refused)).toEqual(['MAX_DEPTH']);

    const allowed = await app.graphql(nestedFragments(2), { key: account.key });
    expect(allowed.errors).toBeUndefined();
  });

  it('refuses a fragment cycle quickly as BAD_USER_INPUT', async () => {
    const started = Date.now();
    const response = await app.graphql(
      '{ inboxes { nodes { ...A } } } fragment A on Inbox { conversations { nodes { inbox { ...A } } } }',
      {
        key: account.key,
      },
    );
    expect(response.status).toBe(400);
    expect(codes(response)).toContain('BAD_USER_INPUT');
    expect(new Set(codes(response))).toEqual(new Set(['BAD_USER_INPUT']));
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses an alias bomb with QUERY_TOO_COMPLEX / MAX_ALIASES', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: account { id }`).join(' ')} }`;
    expect((await app.graphql(aliases(15), { key: account.key })).errors).toBeUndefined();

    for (const count of [16, 300]) {
      const refused = await app.graphql(aliases(count), { key: account.key });
      expect(refused.status).toBe(400);
      expect(codes(refused)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(reasons(refused)).toEqual(['MAX_ALIASES']);
    }
  });

  it('refuses a directive flood with QUERY_TOO_COMPLEX / MAX_DIRECTIVES', async () => {
    const directives = (n: number) => `{ account { ${'__typename @include(if: true) '.repeat(n)} } }`;
    expect((await app.graphql(directives(50), { key: account.key })).errors).toBeUndefined();

    const refused = await app.graphql(directives(51), { key: account.key });
    expect(refused.status).toBe(400);
    expect(codes(refused)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(reasons(refused)).toEqual(['MAX_DIRECTIVES']);
  });

  it('refuses a token flood with QUERY_TOO_COMPLEX / MAX_TOKENS before parsing it all', async () => {
    // 16 tokens around the list, one per list item.
    const withItems = (n: number) => `{ conversations(filter: { inboxIds: [${'"1" '.repeat(n)}] }) { totalCount } }`;
    const allowed = await app.graphql(withItems(1984), { key: account.key });
    expect(allowed.errors).toBeUndefined();

    const refused = await app.graphql(withItems(1985), { key: account.key });
    expect(refused.status).toBe(400);
    expect(codes(refused)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(reasons(refused)).toEqual(['MAX_TOKENS']);
    expect(refused.errors?.[0].message).toBe('The document has more than 2000 tokens.');
  });

  it('lets the standard introspection query through every limit', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const response = await app.graphql(getIntrospectionQuery({ descriptions: true }), { key: account.key });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
  });
});

describe('query cost (default maximum 50,000 nodes)', () => {
  let app: TestApp;
  let account: TestAccount;
  const FILTER = { from: '2026-01-01', to: '2026-02-01' };

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db, { name: 'Cost Co' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('reports the cost of every priced request in extensions.cost, with each list default page size', async () => {
    const conversations = await app.graphql('{ conversations { nodes { id } } }', { key: account.key });
    expect(conversations.extensions?.cost).toEqual({ requested: 1 + 20, maximum: 50_000 });

    const report = await app.graphql('query($filter: ReportFilter!) { chatSummaryReport(filter: $filter) { nodes { date } } }', {
      key: account.key,
      variables: { filter: FILTER },
    });
    expect(report.errors).toBeUndefined();
    // 1 + 100 rows + 31 days (January) × 25 for the pass over the range.
    expect(report.extensions?.cost).toEqual({ requested: 1 + 100 + 31 * 25, maximum: 50_000 });

    const scalarsOnly = await app.graphql('{ account { id name } }', { key: account.key });
    expect(scalarsOnly.extensions?.cost).toEqual({ requested: 1, maximum: 50_000 });
  });

  it('prices `first: $n` exactly like the literal', async () => {
    const byVariable = await app.graphql('query($n: Int!) { conversations(first: $n) { nodes { id } } }', {
      key: account.key,
      variables: { n: 7 },
    });
    const byLiteral = await app.graphql('{ conversations(first: 7) { nodes { id } } }', { key: account.key });
    expect(byVariable.extensions?.cost).toEqual({ requested: 8, maximum: 50_000 });
    expect(byLiteral.extensions?.cost).toEqual(byVariable.extensions?.cost);
  });

  it('prices a repeated document by its variables each time, refusing the costly set again', async () => {
    const query = 'query($n: Int!) { conversations(first: $n) { nodes { id } } }';
    const cost = async (n: number) => {
      const response = await app.graphql(query, { key: account.key, variables: { n } });
      return [response.extensions?.cost, codes(response)];
    };
    // 1 + n per conversations page: 4, then 100,001 (refused), then 4 again, and the refusal again.
    expect(await cost(3)).toEqual([{ requested: 4, maximum: 50_000 }, []]);
    expect(await cost(100_000)).toEqual([{ requested: 100_001, maximum: 50_000 }, ['QUERY_TOO_COMPLEX']]);
    expect(await cost(3)).toEqual([{ requested: 4, maximum: 50_000 }, []]);
    expect(await cost(100_000)).toEqual([{ requested: 100_001, maximum: 50_000 }, ['QUERY_TOO_COMPLEX']]);
  });

  it('refuses a huge `first` passed as a variable with QUERY_TOO_COMPLEX / MAX_COST before running anything', async () => {
    const statementsOf = async (query: string) => {
      const before = app.statementCount();
      await app.graphql(query, { key: account.key });
      return app.statementCount() - before;
    };
    // A request refused by validation runs authentication and no data statement.
    const authenticationOnly = await statementsOf('{ account { noSuchField } }');
    const before = app.statementCount();
    const refused = await app.graphql('query($n: Int!) { conversations(first: $n) { nodes { id } } }', {
      key: account.key,
      variables: { n: 100_000 },
    });
    expect(refused.status).toBe(400);
    expect(refused.data).toBeUndefined();
    expect(codes(refused)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(reasons(refused)).toEqual(['MAX_COST']);
    expect(refused.errors?.[0].extensions).toMatchObject({ cost: 100_001, maximumCost: 50_000 });
    expect(refused.extensions?.cost).toEqual({ requested: 100_001, maximum: 50_000 });
    expect(app.statementCount() - before).toBe(authenticationOnly);
  });

  it('multiplies nested connections, so pages within limits still add up past the maximum', async () => {
    // 1 + 100 × (node 1 + messages (1 + 100 × (node 1 + 10 tags × 1))) = 110,201.
    const refused = await app.graphql('{ conversations(first: 100) { nodes { messages(first: 100) { nodes { tags { id } } } } } }', {
      key: account.key,
    });
    expect(codes(refused)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(refused.extensions?.cost).toEqual({ requested: 110_201, maximum: 50_000 });

    const allowed = await app.graphql('{ conversations(first: 40) { nodes { messages(first: 100) { nodes { tags { id } } } } } }', {
      key: account.key,
    });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.extensions?.cost).toEqual({ requested: 1 + 40 * (1 + 1 + 100 * 11), maximum: 50_000 });
  });

  it('prices report fields by their range and totalCount, so aliased full-range reports are refused (issue 16)', async () => {
    const YEAR = { from: '2025-01-01', to: '2026-01-01' };
    const field = (alias: string, count: boolean) =>
      `${alias}: virtualAgentMetricsReport(filter: $filter) { ${count ? 'totalCount ' : ''}nodes { channel } }`;
    const query = (count: boolean, n: number) =>
      `query($filter: ReportFilter!) { ${Array.from({ length: n }, (_, i) => field(`r${i}`, count)).join(' ')} }`;
    const week = await app.graphql(query(false, 1), { key: account.key, variables: { filter: { from: '2026-01-01', to: '2026-01-08' } } });
    // 1 + 100 rows + 7 days × 25.
    expect(week.extensions?.cost).toEqual({ requested: 1 + 100 + 7 * 25, maximum: 50_000 });
    const counted = await app.graphql(query(true, 1), {
      key: account.key,
      variables: { filter: { from: '2026-01-01T00:00:00-03:00', to: '2026-01-08T00:00:00-03:00' } },
    });
    // totalCount runs the range a second time: 1 + 100 + 2 × 7 × 25.
    expect(counted.extensions?.cost).toEqual({ requested: 1 + 100 + 2 * 7 * 25, maximum: 50_000 });
    expect(counted.errors).toBeUndefined();

    // totalCount behind a fragment spread is priced as asked for (the estimator does not follow spreads).
    const spread = await app.graphql(
      'query($filter: ReportFilter!) { virtualAgentMetricsReport(filter: $filter) { ...Counted } } fragment Counted on VirtualAgentMetricsReportConnection { totalCount }',
      { key: account.key, variables: { filter: { from: '2026-01-01', to: '2026-01-08' } } },
    );
    // 1 + 100 × 0 (no row fields) + 2 × 7 × 25.
    expect(spread.extensions?.cost).toEqual({ requested: 1 + 2 * 7 * 25, maximum: 50_000 });

    // Two year-long reports with totalCount fit: 2 × (1 + 100 + 2 × 365 × 25) = 36,702.
    const two = await app.graphql(query(true, 2), { key: account.key, variables: { filter: YEAR } });
    expect(two.errors).toBeUndefined();
    expect(two.extensions?.cost).toEqual({ requested: 36_702, maximum: 50_000 });
    // Fifteen do not: 15 × 18,351 = 275,265; the attack of issue 16 priced them at 15 × 101 = 1,515.
    const before = app.statementCount();
    const fifteen = await app.graphql(query(true, 15), { key: account.key, variables: { filter: YEAR } });
    expect(codes(fifteen)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(reasons(fifteen)).toEqual(['MAX_COST']);
    expect(fifteen.extensions?.cost).toEqual({ requested: 275_265, maximum: 50_000 });
    // Refused before any report statement: authentication only (BEGIN, the key lookup, ROLLBACK).
    expect(app.statementCount() - before).toBeLessThan(10);
  });

  it('still caps page sizes on the arguments (BAD_USER_INPUT) when the cost would allow them', async () => {
    const entity = await app.graphql('{ conversations(first: 101) { nodes { id } } }', { key: account.key });
    expect(codes(entity)).toEqual(['BAD_USER_INPUT']);

    const report = await app.graphql(
      'query($filter: ReportFilter!) { chatSummaryReport(filter: $filter, first: 1001) { nodes { date } } }',
      {
        key: account.key,
        variables: { filter: FILTER },
      },
    );
    expect(codes(report)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers variables that do not fit their types with BAD_USER_INPUT, not an internal error', async () => {
    const wrongType = await app.graphql('query($n: Int!) { conversations(first: $n) { nodes { id } } }', {
      key: account.key,
      variables: { n: 'many' },
    });
    expect(wrongType.status).toBe(400);
    expect(codes(wrongType)).toEqual(['BAD_USER_INPUT']);

    const nullForRequired = await app.graphql('query($n: Int) { conversations(first: $n) { nodes { id } } }', {
      key: account.key,
      variables: { n: null },
    });
    expect(nullForRequired.status).toBe(400);
    expect(codes(nullForRequired)).toEqual(['BAD_USER_INPUT']);
  });
});
