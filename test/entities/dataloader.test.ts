import { startTestApp, TestApp } from '../support/app';
import { createAccount, insertRows, TestAccount } from '../support/fixtures';

const NESTED = `query Nested($first: Int!) {
  conversations(first: $first) {
    totalCount
    nodes {
      displayId
      inbox { name }
      contact { name }
      assignee { name teams { name } }
      messages(first: 5, order: OLDEST_FIRST) {
        totalCount
        nodes {
          content
          sender { __typename ... on Agent { agentName: name } ... on Contact { contactName: name } }
          tags { name }
        }
      }
    }
  }
}`;

/**
 * The cost of a nested query must not grow with the number of parents: each relation is one
 * batched statement per level, whether the page holds 5 conversations or 50.
 */
describe('DataLoader batching', () => {
  let app: TestApp;
  let account: TestAccount;

  const statementsFor = async (query: string, variables: Record<string, unknown> = {}) => {
    const before = app.statementCount();
    const response = await app.graphql<Record<string, any>>(query, { key: account.key, variables });
    expect(response.errors).toBeUndefined();
    return { statements: app.statementCount() - before, data: response.data! };
  };

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db, { name: 'Batching Co' });
    const insert = (table: string, rows: Array<Record<string, unknown>>) => insertRows(app.db, account.id, table, rows);
    const inboxes = await insert('inboxes', [
      { name: 'wa', display_name: 'WA', channel_type: 'whatsapp', medium: 'whatsapp' },
      { name: 'web', display_name: 'Web', channel_type: 'web_widget', medium: 'web' },
    ]);
    const humans = await insert(
      'agents',
      ['Ana', 'Bruno', 'Caio'].map((name) => ({ kind: 'human', name })),
    );
    const [bot] = await insert('agents', [{ kind: 'virtual', name: 'Botty' }]);
    const teams = await insert('teams', [{ name: 'Sales' }, { name: 'Support' }]);
    await insert('team_members', [
      { team_id: teams[0], agent_id: humans[0] },
      { team_id: teams[0], agent_id: humans[1] },
      { team_id: teams[1], agent_id: humans[1] },
      { team_id: teams[1], agent_id: humans[2] },
    ]);
    const tags = await insert('tags', [{ name: 'urgent' }, { name: 'vip' }]);
    const count = 50;
    const contacts = await insert(
      'contacts',
      Array.from({ length: count }, (_, i) => ({ medium: 'whatsapp', name: `Contact ${i + 1}`, primary_identifier: `+55${i}` })),
    );
    const at = (i: number, minute: number) => new Date(Date.UTC(2026, 3, 1, 0, i, minute)).toISOString();
    const conversations = await insert(
      'conversations',
      contacts.map((contact, i) => ({
        display_id: i + 1,
        inbox_id: inboxes[i % 2],
        contact_id: contact,
        assignee_id: humans[i % 3],
        status: 'open',
        created_at: at(i, 0),
        updated_at: at(i, 0),
      })),
    );
    const message = (conversation: string, i: number, second: number, from: { agent?: string; contact?: string }) => ({
      conversation_id: conversation,
      direction: from.contact ? 'incoming' : 'outgoing',
      message_type: 'text',
      origin: from.contact ? 'contact' : 'agent',
      content: `${i}:${second}`,
      sender_agent_id: from.agent ?? null,
      sender_contact_id: from.contact ?? null,
      created_at: at(i, second),
      updated_at: at(i, second),
    });
    const messages = await insert(
      'messages',
      conversations.flatMap((conversation, i) => [
        message(conversation, i, 1, { contact: contacts[i] }),
        message(conversation, i, 2, { agent: bot }),
        message(conversation, i, 3, { agent: humans[i % 3] }),
      ]),
    );
    await insert(
      'message_tags',
      messages
        .filter((_, index) => index % 3 === 0)
        .map((id, i) => ({ message_id: id, tag_id: tags[i % 2], applied_at: '2026-04-02T00:00:00Z' })),
    );
    // The first request of a key also records its use, in a transaction of its own that may end
    // after the response; wait for it so that it falls in no measured request.
    await statementsFor('{ account { id } }');
    for (let tries = 0; tries < 100; tries++) {
      const [{ recorded }] = await app.db.owner.query(
        'SELECT bool_and(last_used_at IS NOT NULL) AS recorded FROM api_keys WHERE account_id = $1',
        [account.id],
      );
      if (recorded) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  afterAll(async () => {
    await app.close();
  });

  it('runs the same statements for 5 and for 50 conversations', async () => {
    const small = await statementsFor(NESTED, { first: 5 });
    const large = await statementsFor(NESTED, { first: 50 });

    expect(small.data.conversations.nodes).toHaveLength(5);
    expect(large.data.conversations.nodes).toHaveLength(50);
    expect(large.data.conversations.totalCount).toBe(50);
    const newest = large.data.conversations.nodes[0];
    expect(newest).toEqual({
      displayId: 50,
      inbox: { name: 'web' },
      contact: { name: 'Contact 50' },
      assignee: { name: 'Bruno', teams: [{ name: 'Sales' }, { name: 'Support' }] },
      messages: {
        totalCount: 3,
        nodes: [
          { content: '49:1', sender: { __typename: 'Contact', contactName: 'Contact 50' }, tags: [{ name: 'vip' }] },
          { content: '49:2', sender: { __typename: 'Agent', agentName: 'Botty' }, tags: [] },
          { content: '49:3', sender: { __typename: 'Agent', agentName: 'Bruno' }, tags: [] },
        ],
      },
    });
    expect(large.statements).toBe(small.statements);
  });

  it('costs one statement per relation level beyond a trivial request', async () => {
    const baseline = await statementsFor('{ account { id } }');
    const nested = await statementsFor(NESTED, { first: 50 });
    // Above the baseline (whose own data statement is the account row): the conversations page
    // (inbox, contact and assignee joined into it) and its count; the messages page (both kinds of
    // sender joined) and its count; assignee teams and message tags. The joins saved the inbox,
    // contact, assignee and sender-agent batches (10 before).
    expect(nested.statements - baseline.statements).toBe(6 - 1);
  });

  it('counts rows only when totalCount is selected', async () => {
    const withoutCount = await statementsFor('{ conversations(first: 5) { nodes { id } } }');
    const withCount = await statementsFor('{ conversations(first: 5) { totalCount nodes { id } } }');
    expect(withCount.data.conversations.totalCount).toBe(50);
    expect(withCount.statements - withoutCount.statements).toBe(1);
  });
});
