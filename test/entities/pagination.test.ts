import { startTestApp, TestApp } from '../support/app';
import { createAccount, insertRows, TestAccount } from '../support/fixtures';
import { uniform } from './support/chat-fixture';

type Page = {
  totalCount: number;
  nodes: Array<{ id: string; displayId?: number; content?: string }>;
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};

const PAGE =
  'totalCount nodes { id displayId } edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/**
 * Keyset pagination over real rows. Conversation times include two exact ties and
 * sub-millisecond differences, which a cursor that lost precision or ignored the id tie-breaker
 * would skip or repeat.
 */
describe('connections: pagination', () => {
  let app: TestApp;
  let account: TestAccount;
  /** Conversation ids, newest first by (created_at, id). */
  let newestFirst: string[];
  let busy: string;

  const run = (text: string, variables: Record<string, unknown> = {}) =>
    app.graphql<Record<string, any>>(text, { key: account.key, variables });

  const page = async (variables: Record<string, unknown>): Promise<Page> => {
    const response = await run(
      `query ($first: Int!, $after: String, $order: ChronologicalOrder!) { conversations(first: $first, after: $after, order: $order) { ${PAGE} } }`,
      { order: 'NEWEST_FIRST', ...variables },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.conversations;
  };

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db, { name: 'Paging Co' });
    const [inbox] = await insertRows(app.db, account.id, 'inboxes', [{ name: 'i', display_name: 'I', channel_type: 'api', medium: 'api' }]);
    const [contact] = await insertRows(app.db, account.id, 'contacts', [{ medium: 'api', primary_identifier: 'c' }]);
    const times = [
      '2026-03-01T10:00:00.000001Z',
      '2026-03-01T10:00:00.000002Z',
      '2026-03-01T10:00:00.000002Z', // tie with the previous row: the id decides
      '2026-03-01T10:00:00.000900Z',
      '2026-03-02T08:00:00Z',
      '2026-03-02T08:00:00Z', // tie
      '2026-03-03T00:00:00Z',
    ];
    const ids = await insertRows(
      app.db,
      account.id,
      'conversations',
      times.map((time, index) => ({
        display_id: index + 1,
        inbox_id: inbox,
        contact_id: contact,
        status: 'open',
        created_at: time,
        updated_at: time,
      })),
    );
    // Ids ascend with insertion, so within each tie the later-inserted row is "newer".
    newestFirst = [...ids].reverse();
    busy = ids[0];
    await insertRows(
      app.db,
      account.id,
      'messages',
      uniform([
        ...Array.from({ length: 25 }, (_, i) => ({
          conversation_id: busy,
          direction: 'incoming',
          message_type: 'text',
          origin: 'contact',
          content: `m${String(i + 1).padStart(2, '0')}`,
          created_at: new Date(Date.UTC(2026, 2, 1, 11, 0, i)).toISOString(),
          updated_at: '2026-03-01T12:00:00Z',
        })),
        ...ids.slice(1, 4).map((conversation, i) => ({
          conversation_id: conversation,
          direction: 'incoming',
          message_type: 'text',
          origin: 'contact',
          content: `only-${i + 2}`,
          created_at: '2026-03-04T00:00:00Z',
          updated_at: '2026-03-04T00:00:00Z',
        })),
      ]),
    );
  });

  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['NEWEST_FIRST', () => newestFirst],
    ['OLDEST_FIRST', () => [...newestFirst].reverse()],
  ])('walks %s with first=1 through every row exactly once, in order', async (order, expected) => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let step = 0; step < 20; step += 1) {
      const result: Page = await page({ first: 1, after, order });
      expect(result.totalCount).toBe(7);
      expect(result.nodes).toHaveLength(1);
      expect(result.edges.map((edge) => edge.node.id)).toEqual(result.nodes.map((node) => node.id));
      expect(result.pageInfo.startCursor).toBe(result.edges[0].cursor);
      expect(result.pageInfo.endCursor).toBe(result.edges[0].cursor);
      expect(result.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(result.nodes[0].id);
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected());
  });

  it('splits 7 rows into pages of 3, 3 and 1, the last without a next page', async () => {
    const first = await page({ first: 3 });
    const second = await page({ first: 3, after: first.pageInfo.endCursor });
    const third = await page({ first: 3, after: second.pageInfo.endCursor });
    expect([first, second, third].map((p) => p.nodes.map((n) => n.id))).toEqual([
      newestFirst.slice(0, 3),
      newestFirst.slice(3, 6),
      newestFirst.slice(6),
    ]);
    expect([first, second, third].map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    // Continuing from any edge cursor, not only endCursor, resumes right after that edge.
    const fromMiddle = await page({ first: 2, after: first.edges[1].cursor });
    expect(fromMiddle.nodes.map((n) => n.id)).toEqual(newestFirst.slice(2, 4));
  });

  it('returns everything on one page when first covers it, with no next page', async () => {
    const all = await page({ first: 100 });
    expect(all.nodes.map((n) => n.id)).toEqual(newestFirst);
    expect(all.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: all.edges[0].cursor,
      endCursor: all.edges[6].cursor,
    });
  });

  it('answers an empty page after the last row and for a list with no rows', async () => {
    const last = await page({ first: 7 });
    const beyond = await page({ first: 5, after: last.pageInfo.endCursor });
    expect(beyond).toEqual({
      totalCount: 7,
      nodes: [],
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
    const none = await run(
      `{ dispatches { totalCount nodes { id } edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    );
    expect(none.data!.dispatches).toEqual({
      totalCount: 0,
      nodes: [],
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it('uses 20 rows as the default page size', async () => {
    const response = await run(
      `query ($id: ID!) { conversation(id: $id) { messages(order: OLDEST_FIRST) { totalCount nodes { content } pageInfo { hasNextPage } } } }`,
      { id: busy },
    );
    const messages = response.data!.conversation.messages;
    expect(messages.totalCount).toBe(25);
    expect(messages.nodes.map((n: { content: string }) => n.content)).toEqual(
      Array.from({ length: 20 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`),
    );
    expect(messages.pageInfo.hasNextPage).toBe(true);
  });

  it('pages a child connection of each parent separately in one list', async () => {
    const response = await run(`{
      conversations(first: 4, order: OLDEST_FIRST) {
        nodes { displayId messages(first: 2, order: OLDEST_FIRST) { totalCount nodes { content } pageInfo { hasNextPage } } }
      }
    }`);
    expect(response.data!.conversations.nodes).toEqual([
      { displayId: 1, messages: { totalCount: 25, nodes: [{ content: 'm01' }, { content: 'm02' }], pageInfo: { hasNextPage: true } } },
      { displayId: 2, messages: { totalCount: 1, nodes: [{ content: 'only-2' }], pageInfo: { hasNextPage: false } } },
      { displayId: 3, messages: { totalCount: 1, nodes: [{ content: 'only-3' }], pageInfo: { hasNextPage: false } } },
      { displayId: 4, messages: { totalCount: 1, nodes: [{ content: 'only-4' }], pageInfo: { hasNextPage: false } } },
    ]);
  });

  it('continues a child connection from its cursor', async () => {
    const query = `query ($id: ID!, $after: String) { conversation(id: $id) { messages(first: 10, after: $after, order: OLDEST_FIRST) { nodes { content } pageInfo { hasNextPage endCursor } } } }`;
    const contents: string[] = [];
    let after: string | null = null;
    for (let step = 0; step < 5; step += 1) {
      const response: any = await run(query, { id: busy, after });
      const messages = response.data.conversation.messages;
      contents.push(...messages.nodes.map((n: { content: string }) => n.content));
      if (!messages.pageInfo.hasNextPage) break;
      after = messages.pageInfo.endCursor;
    }
    expect(contents).toEqual(Array.from({ length: 25 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`));
  });

  describe('rejects bad paging arguments with BAD_USER_INPUT naming the argument', () => {
    const expectBadInput = async (text: string, variables: Record<string, unknown>, field: string) => {
      const response = await run(text, variables);
      expect(response.status).toBe(200);
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(response.data).toBeNull();
    };
    const list = `query ($first: Int!, $after: String, $order: ChronologicalOrder) { conversations(first: $first, after: $after, order: $order) { nodes { id } } }`;
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    it.each([0, 101, -1])('first=%d', async (first) => {
      await expectBadInput(list, { first }, 'first');
    });

    it.each([
      ['garbage', () => 'not-a-cursor'],
      ['an empty string', () => ''],
      ['JSON of another shape', () => encode({ id: 1 })],
      ['a non-numeric id', () => encode(['entities:desc', account.id, '2026-03-01T10:00:00.000000Z', 'x'])],
      ['an impossible date', () => encode(['entities:desc', account.id, '2026-02-31T10:00:00.000000Z', '1'])],
      ['a position without its account', () => encode(['entities:desc', '2026-03-01T10:00:00.000000Z', '1'])],
    ])('after = %s', async (_label, after) => {
      await expectBadInput(list, { first: 5, after: after() }, 'after');
    });

    it('a cursor issued for the other order', async () => {
      const newest = await page({ first: 1 });
      await expectBadInput(list, { first: 5, after: newest.pageInfo.endCursor, order: 'OLDEST_FIRST' }, 'after');
    });

    it('first out of range on a child connection', async () => {
      await expectBadInput(`query ($id: ID!) { conversation(id: $id) { messages(first: 500) { nodes { id } } } }`, { id: busy }, 'first');
    });
  });
});
