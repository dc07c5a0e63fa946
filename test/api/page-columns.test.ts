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

  const pageStatement = () => app.lastStatementWith('FROM messages t');
  const selectList = (statement: string | undefined) => statement?.match(/SELECT (t\..*?), to_char/s)?.[1];

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
});
