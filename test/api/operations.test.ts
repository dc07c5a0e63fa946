import { NestedThroughAllTypesDocument } from '../generated/graphql';
import { buildReportFixture, ReportFixture } from '../reports/fixture';
import { startTestApp, TestApp } from '../support/app';

/** The typed document generated from test/operations/nested.graphql, run against the hand-built fixture. */
describe('a nested query through the nine main types', () => {
  let app: TestApp;
  let f: ReportFixture;

  beforeAll(async () => {
    app = await startTestApp();
    f = await buildReportFixture(app.db);
  });

  afterAll(async () => {
    await app.close();
  });

  it('returns the fixture graph, typed', async () => {
    const response = await app.graphql(NestedThroughAllTypesDocument, { key: f.key, variables: { messages: 10 } });
    expect(response.errors).toBeUndefined();
    const account = response.data?.account;
    expect(account).toMatchObject({ id: f.accountId, name: 'Fixture Co', timeZone: 'America/Sao_Paulo' });

    const [whatsapp, instagram] = account?.inboxes.nodes ?? [];
    expect(account?.inboxes.totalCount).toBe(2);
    expect([whatsapp.name, whatsapp.channelType, instagram.name, instagram.channelType]).toEqual([
      'WA Vendas',
      'WHATSAPP',
      '@fixture',
      'INSTAGRAM',
    ]);
    // Oldest first: W at 02:30, Z at 12:00, X at 14:00 on WhatsApp; Y 13:00, V 19:00, U 20:00 on Instagram.
    expect(whatsapp.conversations.nodes.map((c) => c.displayId)).toEqual([4, 3, 1]);
    expect(instagram.conversations.nodes.map((c) => c.displayId)).toEqual([2, 5, 6]);

    const x = whatsapp.conversations.nodes[2];
    expect(x).toMatchObject({
      id: f.conversations.X,
      status: 'RESOLVED',
      contact: { id: f.contacts.C1, name: 'Carla', primaryIdentifier: '+5511988887777' },
      assignee: { id: f.agents.ana, name: 'Ana', teams: [{ id: f.teams.suporte, name: 'Suporte' }] },
      topics: [{ id: f.topics.entrega, name: 'Entrega' }],
    });
    // x1 … x5, the private note and the activity message included.
    expect(x.messages.totalCount).toBe(5);
    const [x1, x2, x3, x4] = x.messages.nodes;
    expect(x1).toMatchObject({
      id: f.messages.x1,
      direction: 'INCOMING',
      sender: { __typename: 'Contact', id: f.contacts.C1, contactName: 'Carla' },
      tags: [{ name: 'urgente' }],
    });
    expect(x2.sender).toEqual({ __typename: 'Agent', id: f.agents.bot, agentName: 'Bot', kind: 'VIRTUAL' });
    expect(x3.sender).toEqual({ __typename: 'Agent', id: f.agents.ana, agentName: 'Ana', kind: 'HUMAN' });
    expect(x4).toMatchObject({ private: true, content: 'cliente recorrente' });
    expect(x.messages.nodes[4].sender).toBeNull();
  });
});
