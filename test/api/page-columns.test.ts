import { buildChatFixture, ChatFixture } from '../entities/support/chat-fixture';
import { createAccount, TestAccount } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/app';

describe('a page reads only the columns its query selects', () => {
  let app: TestApp;
  let account: TestAccount;
  let fixture: ChatFixture;

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db);
    fixture = await buildChatFixture(app.db, account.id);
  });

  afterAll(async () => {
    await app.close();
  });

  const pageStatement = (from = 'FROM messages t') => app.lastStatementWith(from);
  const selectList = (statement: string | undefined) =>
    statement?.match(/SELECT (t\..*?)(?:, to_char\(.*?\) AS __cursor_time)?\s+FROM /s)?.[1];

  it('reads the selected columns and the keys, and the fields resolved from those keys still resolve', async () => {
    const response = await app.graphql(
      `query($id: ID!) { conversation(id: $id) { messages(first: 2, order: OLDEST_FIRST) { nodes { content
         sender { __typename ... on Contact { contactName: name } ... on Agent { agentName: name } } } } } }`,
      { key: account.key, variables: { id: fixture.conversations.first } },
    );
    expect(response.errors).toBeUndefined();
    // The conversation's first two public messages, oldest first: Carla's question, Ana's answer.
    expect(response.data).toEqual({
      conversation: {
        messages: {
          nodes: [
            { content: 'Oi, minha fatura?', sender: { __typename: 'Contact', contactName: 'Carla' } },
            { content: 'Segue a fatura.', sender: { __typename: 'Agent', agentName: 'Ana' } },
          ],
        },
      },
    });
    // The bigint keys in table order, the one selected column and the order's column; no other.
    expect(selectList(pageStatement())).toBe(
      't."account_id", t."id", t."conversation_id", t."content", t."sender_agent_id", t."sender_contact_id", t."team_id", t."created_at"',
    );
  });

  it("reads the rows' positions only when a cursor is selected", async () => {
    const document = (page: string) =>
      `query($id: ID!) { conversation(id: $id) { messages(first: 2, order: OLDEST_FIRST) { nodes { content } ${page} } } }`;
    const withoutCursor = await app.graphql(document('pageInfo { hasNextPage }'), {
      key: account.key,
      variables: { id: fixture.conversations.first },
    });
    // The first conversation's public messages, oldest first: Carla's question, Ana's answer, then the
    // "Conversation resolved" activity, so there is a next page.
    expect(withoutCursor.data).toEqual({
      conversation: {
        messages: { nodes: [{ content: 'Oi, minha fatura?' }, { content: 'Segue a fatura.' }], pageInfo: { hasNextPage: true } },
      },
    });
    expect(pageStatement()).not.toContain('__cursor_time');
    const withCursor = await app.graphql(document('pageInfo { endCursor }'), {
      key: account.key,
      variables: { id: fixture.conversations.first },
    });
    expect(pageStatement()).toContain('AS __cursor_time');
    const after = (withCursor.data as { conversation: { messages: { pageInfo: { endCursor: string } } } }).conversation.messages.pageInfo
      .endCursor;
    const next = await app.graphql(
      `query($id: ID!, $after: String!) { conversation(id: $id) { messages(first: 2, order: OLDEST_FIRST, after: $after) { edges { cursor node { content } } } } }`,
      { key: account.key, variables: { id: fixture.conversations.first, after } },
    );
    expect(next.errors).toBeUndefined();
    expect(next.data).toEqual({
      conversation: { messages: { edges: [{ cursor: expect.any(String), node: { content: 'Conversation resolved' } }] } },
    });
  });

  it('finds the fields selected through edges and fragments', async () => {
    const response = await app.graphql(
      `query($id: ID!) { conversation(id: $id) { messages(first: 1) { edges { node { ...Times } } } } }
       fragment Times on Message { ... on Message { updatedAt } }`,
      { key: account.key, variables: { id: fixture.conversations.first } },
    );
    expect(response.errors).toBeUndefined();
    // Every fixture message has updated_at 2026-02-01T00:00:00Z.
    expect(response.data).toEqual({ conversation: { messages: { edges: [{ node: { updatedAt: '2026-02-01T00:00:00.000Z' } }] } } });
    expect(selectList(pageStatement())).toContain('t."updated_at"');
    expect(selectList(pageStatement())).not.toContain('t."content"');
  });

  it('joins a selected to-one relation into the page, reading its selected columns and keys, null when the key is unset', async () => {
    const response = await app.graphql(
      `query($id: ID!) { inbox(id: $id) { conversations(first: 5) { nodes { displayId assignee { name } team { name }
         contact { email conversations(first: 5) { totalCount } } } } } }`,
      { key: account.key, variables: { id: fixture.inboxes.widget } },
    );
    expect(response.errors).toBeUndefined();
    // Website has only #3: Diego's, unassigned and without a team; Diego has #2 and #3.
    expect(response.data).toEqual({
      inbox: {
        conversations: {
          nodes: [{ displayId: 3, assignee: null, team: null, contact: { email: 'diego@example.com', conversations: { totalCount: 2 } } }],
        },
      },
    });
    const statement = pageStatement('LEFT JOIN contacts');
    const joined = (alias: string) => [...(statement ?? '').matchAll(new RegExp(`${alias}\\."(\\w+)" AS`, 'g'))].map((m) => m[1]);
    // The joins are numbered by their place in the conversations' list: inbox 0, contact 1, assignee 2, team 3.
    expect(statement).toContain('LEFT JOIN contacts j1 ON j1.account_id = page.account_id AND j1.id = page."contact_id"');
    expect(joined('j0')).toEqual([]);
    expect(joined('j1')).toEqual(['account_id', 'id', 'email']);
    expect(joined('j2')).toEqual(['account_id', 'id', 'name']);
    expect(joined('j3')).toEqual(['account_id', 'id', 'name']);
  });

  it('reads only the selected columns and the keys in a lookup by id', async () => {
    const response = await app.graphql(`query($id: ID!) { conversation(id: $id) { displayId contact { name } } }`, {
      key: account.key,
      variables: { id: fixture.conversations.first },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ conversation: { displayId: 1, contact: { name: 'Carla' } } });
    const lookup = app.lastStatementWith('FROM conversations WHERE id = ANY');
    expect(lookup).toMatch(/^SELECT "account_id", "id", "display_id", "inbox_id", "contact_id", .*"team_id" FROM conversations/);
    expect(lookup).not.toContain('"status"');
    expect(lookup).not.toContain('"created_at"');
    expect(app.lastStatementWith('FROM contacts WHERE id = ANY')).toBe(
      'SELECT "account_id", "id", "name" FROM contacts WHERE id = ANY($1::bigint[])',
    );
  });
});
