import { compileQuery as compile } from 'graphql-jit';
import { buildChatFixture, ChatFixture } from '../entities/support/chat-fixture';
import { createAccount, TestAccount } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/app';

// The real compiler, counted: its module's exports are getters that jest.spyOn cannot replace.
jest.mock('graphql-jit', () => {
  const actual = jest.requireActual('graphql-jit');
  return { ...actual, compileQuery: jest.fn(actual.compileQuery) };
});

describe('execution by compiled documents', () => {
  let app: TestApp;
  let account: TestAccount;
  let fixture: ChatFixture;
  const compileQuery = compile as jest.MockedFunction<typeof compile>;

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db);
    fixture = await buildChatFixture(app.db, account.id);
  });

  afterAll(async () => {
    await app.close();
  });

  it('compiles a document once and answers each request with it', async () => {
    compileQuery.mockClear();
    const document = `{ inbox(id: "${fixture.inboxes.widget}") { displayName conversations(first: 5) { nodes { displayId status } } } }`;
    const first = await app.graphql(document, { key: account.key });
    const second = await app.graphql(document, { key: account.key });
    // Website has one conversation, #3, new.
    const expected = { inbox: { displayName: 'Website', conversations: { nodes: [{ displayId: 3, status: 'NEW' }] } } };
    expect(first.errors).toBeUndefined();
    expect(first.data).toEqual(expected);
    expect(second.data).toEqual(expected);
    expect(compileQuery).toHaveBeenCalledTimes(1);
  });

  it('keeps the coded error and its path on the compiled path', async () => {
    compileQuery.mockClear();
    const response = await app.graphql('{ inbox(id: "987654321") { displayName } }', { key: account.key });
    expect(compileQuery).toHaveBeenCalledTimes(1);
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      { message: 'No Inbox with id 987654321.', locations: [{ line: 1, column: 3 }], path: ['inbox'], extensions: { code: 'NOT_FOUND' } },
    ]);
  });

  /**
   * The same request twice: first with the compiler refusing it, so that graphql-js runs it as it
   * runs every document it is given; then compiled. Numbered comments make the texts (and so
   * Apollo's parsed documents and the compiled cache's entries) new ones each time.
   */
  let requests = 0;
  const bothWays = async (document: string, variables: Record<string, unknown>) => {
    requests++;
    compileQuery.mockClear();
    compileQuery.mockImplementationOnce(() => ({ errors: [] }));
    const interpreted = await app.graphql(`# graphql-js ${requests}\n${document}`, { key: account.key, variables });
    const compiledAnswer = await app.graphql(`# compiled ${requests}\n${document}`, { key: account.key, variables });
    expect(compileQuery).toHaveBeenCalledTimes(2);
    expect(compiledAnswer).toEqual(interpreted);
    return compiledAnswer;
  };

  const messagesDocument = `query ($filter: MessageFilter, $first: Int!, $order: ChronologicalOrder!) {
    messages(filter: $filter, first: $first, order: $order) { nodes { content createdAt } }
  }`;

  it("runs a document with variables compiled, with its input fields' defaults, as graphql-js does", async () => {
    // OUTGOING: "Segue a fatura." 10:05, the private note "cliente antigo" 10:06, "Conversation
    // resolved" 11:00 (Feb 1), "Hi, I am Botty." (Feb 2). includePrivate defaults to false: the note is out.
    const outgoing = await bothWays(messagesDocument, { filter: { direction: 'OUTGOING' }, first: 10, order: 'OLDEST_FIRST' });
    expect(outgoing.errors).toBeUndefined();
    expect(outgoing.data).toEqual({
      messages: {
        nodes: [
          { content: 'Segue a fatura.', createdAt: '2026-02-01T10:05:00.000Z' },
          { content: 'Conversation resolved', createdAt: '2026-02-01T11:00:00.000Z' },
          { content: 'Hi, I am Botty.', createdAt: '2026-02-02T10:01:00.000Z' },
        ],
      },
    });
    // From 10:05 on, the note asked for, newest first, two of them: Botty's, then the activity.
    const withNote = await bothWays(messagesDocument, {
      filter: { direction: 'OUTGOING', includePrivate: true, createdFrom: '2026-02-01T10:05:30Z' },
      first: 2,
      order: 'NEWEST_FIRST',
    });
    expect(withNote.data).toEqual({
      messages: {
        nodes: [
          { content: 'Hi, I am Botty.', createdAt: '2026-02-02T10:01:00.000Z' },
          { content: 'Conversation resolved', createdAt: '2026-02-01T11:00:00.000Z' },
        ],
      },
    });
  });

  it('gives the coded errors of a document with variables compiled as graphql-js does', async () => {
    const unknown = await bothWays('query ($id: ID!) { inbox(id: $id) { displayName } }', { id: '987654321' });
    expect(unknown.data).toBeNull();
    expect(unknown.errors).toEqual([
      { message: 'No Inbox with id 987654321.', locations: [{ line: 2, column: 20 }], path: ['inbox'], extensions: { code: 'NOT_FOUND' } },
    ]);
    const backwards = await bothWays(messagesDocument, {
      filter: { createdFrom: '2026-02-02T00:00:00Z', createdTo: '2026-02-01T00:00:00Z' },
      first: 5,
      order: 'OLDEST_FIRST',
    });
    expect(backwards.status).toBe(200);
    expect(backwards.data).toBeNull();
    expect(backwards.errors).toEqual([
      {
        message: '`filter.createdTo` must be later than `filter.createdFrom`.',
        locations: [{ line: 3, column: 5 }],
        path: ['messages'],
        extensions: { field: 'filter.createdTo', code: 'BAD_USER_INPUT' },
      },
    ]);
  });
});
