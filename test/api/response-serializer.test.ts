import { compileQuery as compile } from 'graphql-jit';
import { responseSerializer as serializerOf } from '../../src/graphql/response-serializer';
import { buildChatFixture, ChatFixture } from '../entities/support/chat-fixture';
import { createAccount, insertRows, TestAccount } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/app';

// The real compiler and serializer builder, observed: their modules' exports are getters that jest.spyOn cannot replace.
jest.mock('graphql-jit', () => {
  const actual = jest.requireActual('graphql-jit');
  return { ...actual, compileQuery: jest.fn(actual.compileQuery) };
});
jest.mock('../../src/graphql/response-serializer', () => {
  const actual = jest.requireActual('../../src/graphql/response-serializer');
  return { ...actual, responseSerializer: jest.fn(actual.responseSerializer) };
});

describe('answers written by the serializer compiled with the document', () => {
  let app: TestApp;
  let account: TestAccount;
  let fixture: ChatFixture;
  const compileQuery = compile as jest.MockedFunction<typeof compile>;
  const responseSerializer = serializerOf as jest.MockedFunction<typeof serializerOf>;
  // Quotes, a backslash, a newline, a tab, a control character, accents and an emoji; long and short.
  const tricky = 'Aspas "duplas", barra \\ e linha\nnova\tcom \u0001, ação, 😀 — e texto até passar de 42 caracteres';
  const short = 'a "b" \\ c';

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db);
    fixture = await buildChatFixture(app.db, account.id);
    const base = { conversation_id: fixture.conversations.second, direction: 'incoming', message_type: 'text', origin: 'contact' };
    await insertRows(app.db, account.id, 'messages', [
      { ...base, content: tricky, created_at: '2026-02-02T10:05:00Z', updated_at: '2026-02-02T10:05:00Z', private: false },
      { ...base, content: short, created_at: '2026-02-02T10:06:00Z', updated_at: '2026-02-02T10:06:00Z', private: false },
    ]);
  });

  afterAll(async () => {
    await app.close();
  });

  const body = async (document: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${account.key}` },
      body: JSON.stringify({ query: document, variables }),
    });
    return response.text();
  };

  /** The answer's text compiled, after checking it is byte for byte graphql-js's (JSON.stringify's) answer. */
  let requests = 0;
  const sameText = async (document: string, variables: Record<string, unknown>) => {
    requests++;
    compileQuery.mockClear();
    compileQuery.mockImplementationOnce(() => ({ errors: [] }));
    const interpreted = await body(`# graphql-js ${requests}\n${document}`, variables);
    expect(compileQuery).toHaveBeenCalledTimes(1);
    responseSerializer.mockClear();
    const compiled = await body(`# compiled ${requests}\n${document}`, variables);
    expect(compiled).toBe(interpreted);
    return { text: compiled, serializer: responseSerializer.mock.results[0]?.value };
  };

  it('writes a nested answer with a union, aliases, fragments, nulls and escapes as JSON.stringify does', async () => {
    const { text, serializer } = await sameText(
      `query ($id: ID!, $withTeam: Boolean!) { inbox(id: $id) { displayName official: id
        conversations(first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { ...Conversation } } } }
       fragment Conversation on Conversation { displayId status createdAt assignee { name } team @include(if: $withTeam) { name }
        messages(first: 10, order: OLDEST_FIRST) { nodes { content direction private
          sender { __typename ... on Agent { agentName: name kind } ... on Contact { contactName: name } } } } }`,
      { id: fixture.inboxes.whatsapp, withTeam: false },
    );
    expect(typeof serializer).toBe('function');
    const data = JSON.parse(text).data;
    // WhatsApp Main has #1 (Carla's) and #2 (Diego's); #2, the newer, first. #2's messages oldest first:
    // Diego's "Hello?", Botty's answer, then the two added here.
    const second = data.inbox.conversations.nodes[0];
    expect(second.displayId).toBe(2);
    expect(second).not.toHaveProperty('team');
    expect(second.messages.nodes.map((m: { content: string }) => m.content)).toEqual(['Hello?', 'Hi, I am Botty.', tricky, short]);
    expect(second.messages.nodes[1].sender).toEqual({ __typename: 'Agent', agentName: 'Botty', kind: 'VIRTUAL' });
    expect(data.inbox.conversations.totalCount).toBe(2);
  });

  it('orders fields as a literal @skip leaves them, and leaves to JSON.stringify an order a variable decides', async () => {
    const literal = await sameText(`query ($id: ID!) { inbox(id: $id) { displayName @skip(if: true) id displayName } }`, {
      id: fixture.inboxes.widget,
    });
    expect(typeof literal.serializer).toBe('function');
    expect(JSON.parse(literal.text).data).toEqual({ inbox: { id: fixture.inboxes.widget, displayName: 'Website' } });
    // Whether `official` comes before `medium` depends on $show at each request: no serializer fixes it.
    responseSerializer.mockClear();
    const decided = await body(
      `query ($id: ID!, $show: Boolean!) { inbox(id: $id) { official @include(if: $show) medium: channelType official } }`,
      {
        id: fixture.inboxes.widget,
        show: true,
      },
    );
    expect(responseSerializer.mock.results[0]?.value).toBeNull();
    // Website: a web widget, official.
    expect(JSON.parse(decided).data).toEqual({ inbox: { official: true, medium: 'WEB_WIDGET' } });
  });

  it('leaves to JSON.stringify a union whose members order their fields apart, with the same text', async () => {
    const { text, serializer } = await sameText(
      `query ($id: ID!) { conversation(id: $id) { messages(first: 2, order: OLDEST_FIRST) { nodes {
        sender { ... on Agent { id __typename } ... on Contact { __typename id } } } } } }`,
      { id: fixture.conversations.second },
    );
    expect(serializer).toBeNull();
    // Diego's "Hello?", then Botty's answer.
    expect(JSON.parse(text).data.conversation.messages.nodes.map((m: { sender: object }) => Object.keys(m.sender))).toEqual([
      ['__typename', 'id'],
      ['id', '__typename'],
    ]);
  });
});
