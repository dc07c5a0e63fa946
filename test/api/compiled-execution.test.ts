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

  it('runs a document that declares variables on graphql-js, which coerces them with their defaults', async () => {
    compileQuery.mockClear();
    const response = await app.graphql('query ($id: ID!) { inbox(id: $id) { displayName } }', {
      key: account.key,
      variables: { id: fixture.inboxes.widget },
    });
    expect(response.data).toEqual({ inbox: { displayName: 'Website' } });
    expect(compileQuery).not.toHaveBeenCalled();
  });
});
