import { Client } from 'pg';
import { buildChatFixture, ChatFixture } from '../entities/support/chat-fixture';
import { createAccount, TestAccount } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/app';
import { waitFor } from '../support/wait';

describe('statements a request costs beyond its data statements', () => {
  let app: TestApp;
  let account: TestAccount;
  let fixture: ChatFixture;

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db);
    fixture = await buildChatFixture(app.db, account.id);
    // A key's first use is recorded after the request, on the same pool; let it land so it is not counted below.
    await app.graphql('{ account { id } }', { key: account.key });
    await waitFor("the key's last use recorded", async () => {
      const [row] = await app.db.owner.query('SELECT 1 FROM api_keys WHERE account_id = $1 AND last_used_at IS NOT NULL', [account.id]);
      return row;
    });
  });

  afterAll(async () => {
    await app.close();
  });

  async function statementsOf(query: string, key: string) {
    const before = app.statementCount();
    const response = await app.graphql(query, { key });
    return { response, statements: app.statementCount() - before };
  }

  it('opens the transaction, authenticates and binds the tenant in one round trip: that, the data statement, COMMIT', async () => {
    const { response, statements } = await statementsOf('{ account { id } }', account.key);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ account: { id: account.id } });
    // 1 data statement (the account row) + "BEGIN; the key lookup that binds the account" + COMMIT.
    expect(statements).toBe(1 + 2);
  });

  it('reads the to-one relations of a nested list in the statement of the level that selects them', async () => {
    const { response, statements } = await statementsOf(
      `{ inbox(id: "${fixture.inboxes.whatsapp}") { conversations(first: 50) { nodes { displayId contact { name } assignee { name }
         messages(first: 20) { nodes { content sender { __typename ... on Agent { agentName: name } ... on Contact { contactName: name } } } } } } } }`,
      account.key,
    );
    expect(response.errors).toBeUndefined();
    // WhatsApp Main has #2 (Diego, with Bruno) and #1 (Carla, with Ana), newest first; their public
    // messages newest first (Ana's private note is left out), the system message without a sender.
    expect(response.data).toEqual({
      inbox: {
        conversations: {
          nodes: [
            {
              displayId: 2,
              contact: { name: 'Diego' },
              assignee: { name: 'Bruno' },
              messages: {
                nodes: [
                  { content: 'Hi, I am Botty.', sender: { __typename: 'Agent', agentName: 'Botty' } },
                  { content: 'Hello?', sender: { __typename: 'Contact', contactName: 'Diego' } },
                ],
              },
            },
            {
              displayId: 1,
              contact: { name: 'Carla' },
              assignee: { name: 'Ana' },
              messages: {
                nodes: [
                  { content: 'Conversation resolved', sender: null },
                  { content: 'Segue a fatura.', sender: { __typename: 'Agent', agentName: 'Ana' } },
                  { content: 'Oi, minha fatura?', sender: { __typename: 'Contact', contactName: 'Carla' } },
                ],
              },
            },
          ],
        },
      },
    });
    // "BEGIN; key lookup" (one message), the inbox with its conversations page (contact and assignee
    // joined), the messages page with both kinds of sender joined, COMMIT: 4 (was 8, with the inbox
    // on its own and one lookup batch each for the contacts, the assignees and the sending agents).
    expect(statements).toBe(4);
  });

  it('reads an inbox with its conversations page in one statement, NOT_FOUND for an unknown one and an empty page for a filter that matches none', async () => {
    const unknown = await statementsOf('{ inbox(id: "999999999") { conversations(first: 5) { nodes { displayId } } } }', account.key);
    expect(unknown.response.data).toBeNull();
    expect(unknown.response.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['inbox'], 'NOT_FOUND']]);
    // "BEGIN; key lookup", the inbox with its page (no row), ROLLBACK.
    expect(unknown.statements).toBe(3);
    const none = await statementsOf(
      `{ inbox(id: "${fixture.inboxes.whatsapp}") { displayName conversations(first: 5, filter: { statuses: [PENDING] }) { nodes { displayId } pageInfo { hasNextPage } } } }`,
      account.key,
    );
    expect(none.response.errors).toBeUndefined();
    // WhatsApp Main's conversations are #1 (resolved) and #2 (open): none pending.
    expect(none.response.data).toEqual({
      inbox: { displayName: 'WhatsApp Main', conversations: { nodes: [], pageInfo: { hasNextPage: false } } },
    });
    expect(none.statements).toBe(3);
    // One of its two conversations per page: the first page says there is a next one.
    const paged = await statementsOf(
      `{ inbox(id: "${fixture.inboxes.whatsapp}") { conversations(first: 1) { nodes { displayId } pageInfo { hasNextPage } } } }`,
      account.key,
    );
    expect(paged.response.data).toEqual({ inbox: { conversations: { nodes: [{ displayId: 2 }], pageInfo: { hasNextPage: true } } } });
    expect(paged.statements).toBe(3);
  });

  it('reads the account row for a report page only when the filter names no time zone, and a range in a zone once', async () => {
    const page = (zone: string) =>
      `{ messagesReport(filter: { from: "2026-11-01", to: "2026-11-02"${zone} }, first: 1) { nodes { messageId } } }`;
    // The first report request of the process reads the zone names once; not counted below.
    await app.graphql(page(''), { key: account.key });
    const named = await statementsOf(page(', timeZone: "America/Sao_Paulo"'), account.key);
    expect(named.response.errors).toBeUndefined();
    // BEGIN with authentication, the range in the zone (first asked in this zone), the page, COMMIT.
    expect(named.statements).toBe(4);
    const again = await statementsOf(page(', timeZone: "America/Sao_Paulo"'), account.key);
    expect(again.response.errors).toBeUndefined();
    // The range PostgreSQL computed is kept; `asOf` is the now() the authentication read: 3.
    expect(again.statements).toBe(3);
    const accounts = await statementsOf(page(''), account.key);
    expect(accounts.response.errors).toBeUndefined();
    // The same 3 (the first request computed UTC's range) and the account's zone.
    expect(accounts.statements).toBe(4);
  });

  it('counts a report without its page statement when the query reads totalCount alone', async () => {
    const range = 'filter: { from: "2026-02-01", to: "2026-02-03", timeZone: "UTC" }, first: 100';
    // The range in UTC is computed once, by a first request not counted here.
    await app.graphql(`{ conversationsResolvedReport(${range}) { __typename } }`, { key: account.key });
    const both = await statementsOf(`{ conversationsResolvedReport(${range}) { totalCount nodes { conversationId } } }`, account.key);
    expect(both.response.errors).toBeUndefined();
    // The fixture's one conversation resolved on 1–2 February: #1, at 11:00 on the 1st.
    expect(both.response.data).toEqual({
      conversationsResolvedReport: { totalCount: 1, nodes: [{ conversationId: fixture.conversations.first }] },
    });
    const alone = await statementsOf(`{ conversationsResolvedReport(${range}) { __typename totalCount } }`, account.key);
    expect(alone.response.errors).toBeUndefined();
    expect(alone.response.data).toEqual({
      conversationsResolvedReport: { __typename: 'ConversationsResolvedReportConnection', totalCount: 1 },
    });
    // One statement fewer than with the rows: BEGIN with authentication, the count, COMMIT.
    expect(alone.statements).toBe(both.statements - 1);
    expect(alone.statements).toBe(3);
  });

  it('refuses an unknown key after the same single authentication statement', async () => {
    const { response, statements } = await statementsOf('{ account { id } }', 'crk_not-a-key');
    expect(response.status).toBe(401);
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    // BEGIN with the lookup that finds nothing, ROLLBACK.
    expect(statements).toBe(2);
  });

  it('runs the statements of several report root fields one at a time on the request connection', async () => {
    const range = 'filter: { from: "2026-11-01", to: "2026-11-02", timeZone: "America/Sao_Paulo" }, first: 1';
    // pg 8 queues a query sent while its client still runs another (with a deprecation warning); pg 9 refuses it.
    type Busy = { _activeQuery: unknown; _queryQueue: unknown[] };
    const send = Client.prototype.query;
    let overlapping = 0;
    Client.prototype.query = function (this: Busy, ...args: unknown[]) {
      if (this._activeQuery || this._queryQueue.length > 0) overlapping++;
      return (send as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof send;
    try {
      const response = await app.graphql(
        `{ messagesReport(${range}) { nodes { messageId } } conversationsResolvedReport(${range}) { nodes { conversationId } }
           chatSummaryReport(${range}) { nodes { __typename } } }`,
        { key: account.key },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data).toMatchObject({ messagesReport: { nodes: [] }, conversationsResolvedReport: { nodes: [] } });
    } finally {
      Client.prototype.query = send;
    }
    expect(overlapping).toBe(0);
  });
});
