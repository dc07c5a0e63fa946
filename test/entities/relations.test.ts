import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';
import { buildChatFixture, ChatFixture } from './support/chat-fixture';

/**
 * Every relation of the entity graph, read from both ends, against a hand-built account whose
 * answers are known. A second account gets the same rows, so any list that leaked across
 * tenants would show duplicates.
 */
describe('entity relations', () => {
  let app: TestApp;
  let account: TestAccount;
  let f: ChatFixture;

  const query = async (text: string, variables: Record<string, unknown> = {}) => {
    const response = await app.graphql<Record<string, any>>(text, { key: account.key, variables });
    expect(response.errors).toBeUndefined();
    return response.data as Record<string, any>;
  };

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db, { name: 'Relations Co', locale: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    f = await buildChatFixture(app.db, account.id);
    const other = await createAccount(app.db, { name: 'Other Co' });
    await buildChatFixture(app.db, other.id);
  });

  afterAll(async () => {
    await app.close();
  });

  it('lists the account and each of its collections, newest first by default', async () => {
    const data = await query(`{
      account {
        id name locale timeZone
        inboxes { totalCount nodes { name } }
        agents { totalCount nodes { name } }
        teams { nodes { name } }
        topics { nodes { name active } }
        tags { nodes { name } }
        contacts { nodes { name } }
        conversations { totalCount nodes { displayId } }
        messages(order: OLDEST_FIRST) { totalCount nodes { content } }
        dispatches { nodes { templateName } }
        agentPresences { nodes { id } }
      }
    }`);
    expect(data.account).toEqual({
      id: account.id,
      name: 'Relations Co',
      locale: 'PT_BR',
      timeZone: 'America/Sao_Paulo',
      inboxes: { totalCount: 2, nodes: [{ name: 'site' }, { name: 'wa-main' }] },
      agents: { totalCount: 3, nodes: [{ name: 'Botty' }, { name: 'Bruno' }, { name: 'Ana' }] },
      teams: { nodes: [{ name: 'Support' }, { name: 'Sales' }] },
      topics: {
        nodes: [
          { name: 'Delivery', active: false },
          { name: 'Billing', active: true },
        ],
      },
      tags: { nodes: [{ name: 'vip' }, { name: 'urgent' }] },
      contacts: { nodes: [{ name: 'Diego' }, { name: 'Carla' }] },
      conversations: { totalCount: 3, nodes: [{ displayId: 3 }, { displayId: 2 }, { displayId: 1 }] },
      messages: {
        totalCount: 5,
        nodes: [
          { content: 'Oi, minha fatura?' },
          { content: 'Segue a fatura.' },
          { content: 'Conversation resolved' },
          { content: 'Hello?' },
          { content: 'Hi, I am Botty.' },
        ],
      },
      dispatches: { nodes: [{ templateName: 'welcome' }, { templateName: 'invoice_ready' }] },
      agentPresences: { nodes: [{ id: f.presences.anaLunch }, { id: f.presences.brunoNow }, { id: f.presences.anaMorning }] },
    });
  });

  it('answers the root list queries exactly as the account fields', async () => {
    const lists = `
      inboxes { nodes { id } } agents { nodes { id } } teams { nodes { id } } topics { nodes { id } } tags { nodes { id } }
      contacts { nodes { id } } conversations { nodes { id } } messages { nodes { id } } dispatches { nodes { id } }
      agentPresences { nodes { id } }`;
    const data = await query(`{ ${lists} account { ${lists} } }`);
    const { account: fromAccount, ...fromRoot } = data;
    expect(fromRoot).toEqual(fromAccount);
    expect(fromRoot.conversations.nodes).toEqual([
      { id: f.conversations.third },
      { id: f.conversations.second },
      { id: f.conversations.first },
    ]);
  });

  it('inbox ↔ conversations, members and dispatches', async () => {
    const data = await query(
      `query ($id: ID!) {
        inbox(id: $id) {
          name displayName channelType medium provider official portfolio senderNumber server createdAt
          conversations(order: OLDEST_FIRST) { totalCount nodes { displayId inbox { id } } }
          members { name inboxes { name } }
          dispatches(order: OLDEST_FIRST) { nodes { templateName inbox { name } } }
        }
      }`,
      { id: f.inboxes.whatsapp },
    );
    expect(data.inbox).toEqual({
      name: 'wa-main',
      displayName: 'WhatsApp Main',
      channelType: 'WHATSAPP',
      medium: 'whatsapp',
      provider: 'Gupshup',
      official: true,
      portfolio: 'Retail',
      senderNumber: '+5511999990000',
      server: 'srv-1',
      createdAt: '2026-01-01T00:00:00.000Z',
      conversations: {
        totalCount: 2,
        nodes: [
          { displayId: 1, inbox: { id: f.inboxes.whatsapp } },
          { displayId: 2, inbox: { id: f.inboxes.whatsapp } },
        ],
      },
      members: [
        { name: 'Ana', inboxes: [{ name: 'wa-main' }] },
        { name: 'Bruno', inboxes: [{ name: 'site' }, { name: 'wa-main' }] },
      ],
      dispatches: {
        nodes: [
          { templateName: 'invoice_ready', inbox: { name: 'wa-main' } },
          { templateName: 'welcome', inbox: { name: 'wa-main' } },
        ],
      },
    });
  });

  it('conversation → inbox, contact, agents, teams, messages, events, topics and dispatches', async () => {
    const data = await query(
      `query ($id: ID!) {
        conversation(id: $id) {
          displayId status resolvedBy resolveTrigger resolveReason csatScore csatStatus language createdAt resolvedAt firstResolvedAt
          inbox { name } contact { name } assignee { name } team { name }
          resolvedByAgent { name } lastStatusChangeAgent { name } lastStatusChangeTeam { name }
          messages(order: OLDEST_FIRST) { totalCount nodes { content } }
          withNotes: messages(order: OLDEST_FIRST, filter: { includePrivate: true }) { totalCount nodes { content private } }
          events(order: OLDEST_FIRST) {
            nodes { kind fromStatus toStatus handoverDueToError conversation { displayId } agent { name } team { name } assignee { name } }
          }
          topics { name }
          topicApplications { appliedAt removedAt topic { name } conversation { displayId } appliedBy { name } }
          dispatches { nodes { templateName conversation { displayId } } }
        }
      }`,
      { id: f.conversations.first },
    );
    expect(data.conversation).toEqual({
      displayId: 1,
      status: 'RESOLVED',
      resolvedBy: 'AGENT',
      resolveTrigger: 'HUMAN_AGENT',
      resolveReason: 'answered',
      csatScore: 5,
      csatStatus: 'COMPLETED',
      language: 'pt-BR',
      createdAt: '2026-02-01T10:00:00.000Z',
      resolvedAt: '2026-02-01T11:00:00.000Z',
      firstResolvedAt: '2026-02-01T11:00:00.000Z',
      inbox: { name: 'wa-main' },
      contact: { name: 'Carla' },
      assignee: { name: 'Ana' },
      team: { name: 'Sales' },
      resolvedByAgent: { name: 'Ana' },
      lastStatusChangeAgent: { name: 'Ana' },
      lastStatusChangeTeam: { name: 'Sales' },
      messages: {
        totalCount: 3,
        nodes: [{ content: 'Oi, minha fatura?' }, { content: 'Segue a fatura.' }, { content: 'Conversation resolved' }],
      },
      withNotes: {
        totalCount: 4,
        nodes: [
          { content: 'Oi, minha fatura?', private: false },
          { content: 'Segue a fatura.', private: false },
          { content: 'cliente antigo', private: true },
          { content: 'Conversation resolved', private: false },
        ],
      },
      events: {
        nodes: [
          {
            kind: 'ASSIGNED',
            fromStatus: null,
            toStatus: null,
            handoverDueToError: false,
            conversation: { displayId: 1 },
            agent: { name: 'Ana' },
            team: { name: 'Sales' },
            assignee: { name: 'Ana' },
          },
          {
            kind: 'STATUS_CHANGED',
            fromStatus: 'OPEN',
            toStatus: 'RESOLVED',
            handoverDueToError: false,
            conversation: { displayId: 1 },
            agent: { name: 'Ana' },
            team: { name: 'Sales' },
            assignee: null,
          },
        ],
      },
      topics: [{ name: 'Billing' }],
      topicApplications: [
        {
          appliedAt: '2026-02-01T10:20:00.000Z',
          removedAt: '2026-02-01T10:25:00.000Z',
          topic: { name: 'Delivery' },
          conversation: { displayId: 1 },
          appliedBy: { name: 'Ana' },
        },
        {
          appliedAt: '2026-02-01T10:30:00.000Z',
          removedAt: null,
          topic: { name: 'Billing' },
          conversation: { displayId: 1 },
          appliedBy: { name: 'Ana' },
        },
      ],
      dispatches: { nodes: [{ templateName: 'invoice_ready', conversation: { displayId: 1 } }] },
    });
  });

  it('answers null and empty lists for a conversation without assignee, team, messages or topics', async () => {
    const data = await query(
      `query ($id: ID!) {
        conversation(id: $id) {
          status assignee { name } team { name } resolvedByAgent { name } lastStatusChangeAgent { name } lastStatusChangeTeam { name }
          messages { totalCount nodes { id } pageInfo { hasNextPage endCursor } } events { totalCount } topics { name } topicApplications { id }
          dispatches { totalCount }
        }
      }`,
      { id: f.conversations.third },
    );
    expect(data.conversation).toEqual({
      status: 'NEW',
      assignee: null,
      team: null,
      resolvedByAgent: null,
      lastStatusChangeAgent: null,
      lastStatusChangeTeam: null,
      messages: { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
      events: { totalCount: 0 },
      topics: [],
      topicApplications: [],
      dispatches: { totalCount: 0 },
    });
  });

  it('message → conversation, sender (Agent, Contact or none), team, tags and tag history', async () => {
    const data = await query(
      `query ($id: ID!) {
        conversation(id: $id) {
          messages(order: OLDEST_FIRST, filter: { includePrivate: true }) {
            nodes {
              content direction messageType origin outboundType systemUserType private deliveryStatus
              conversation { displayId }
              sender { __typename ... on Agent { agentName: name kind } ... on Contact { contactName: name primaryIdentifier } }
              team { name }
              tags { name }
              tagApplications { appliedAt removedAt tag { name } message { content } appliedBy { name } }
            }
          }
        }
      }`,
      { id: f.conversations.first },
    );
    const common = {
      conversation: { displayId: 1 },
      outboundType: null,
      systemUserType: null,
      private: false,
      deliveryStatus: null,
      team: null,
      tags: [],
      tagApplications: [],
    };
    expect(data.conversation.messages.nodes).toEqual([
      {
        ...common,
        content: 'Oi, minha fatura?',
        direction: 'INCOMING',
        messageType: 'TEXT',
        origin: 'CONTACT',
        sender: { __typename: 'Contact', contactName: 'Carla', primaryIdentifier: '+5581988887777' },
        tags: [{ name: 'urgent' }],
        tagApplications: [
          {
            appliedAt: '2026-02-01T10:01:00.000Z',
            removedAt: '2026-02-01T10:03:00.000Z',
            tag: { name: 'vip' },
            message: { content: 'Oi, minha fatura?' },
            appliedBy: { name: 'Ana' },
          },
          {
            appliedAt: '2026-02-01T10:02:00.000Z',
            removedAt: null,
            tag: { name: 'urgent' },
            message: { content: 'Oi, minha fatura?' },
            appliedBy: { name: 'Ana' },
          },
        ],
      },
      {
        ...common,
        content: 'Segue a fatura.',
        direction: 'OUTGOING',
        messageType: 'TEXT',
        origin: 'AGENT',
        outboundType: 'REPLY',
        deliveryStatus: 'READ',
        sender: { __typename: 'Agent', agentName: 'Ana', kind: 'HUMAN' },
        team: { name: 'Sales' },
      },
      {
        ...common,
        content: 'cliente antigo',
        direction: 'OUTGOING',
        messageType: 'TEXT',
        origin: 'AGENT',
        private: true,
        sender: { __typename: 'Agent', agentName: 'Ana', kind: 'HUMAN' },
      },
      {
        ...common,
        content: 'Conversation resolved',
        direction: 'OUTGOING',
        messageType: 'ACTIVITY',
        origin: 'SYSTEM',
        systemUserType: 'SYSTEM',
        sender: null,
      },
    ]);
  });

  it('tag → messages and topic → conversations count only current applications', async () => {
    const data = await query(
      `query ($urgent: ID!, $vip: ID!, $billing: ID!, $delivery: ID!) {
        urgent: tag(id: $urgent) { name messages(order: OLDEST_FIRST) { totalCount nodes { content } } }
        vip: tag(id: $vip) { messages { totalCount nodes { content } } }
        billing: topic(id: $billing) { name conversations(order: OLDEST_FIRST) { totalCount nodes { displayId } } }
        delivery: topic(id: $delivery) { active conversations { totalCount nodes { displayId } } }
      }`,
      { urgent: f.tags.urgent, vip: f.tags.vip, billing: f.topics.billing, delivery: f.topics.delivery },
    );
    expect(data).toEqual({
      urgent: { name: 'urgent', messages: { totalCount: 2, nodes: [{ content: 'Oi, minha fatura?' }, { content: 'Hello?' }] } },
      vip: { messages: { totalCount: 0, nodes: [] } },
      billing: { name: 'Billing', conversations: { totalCount: 2, nodes: [{ displayId: 1 }, { displayId: 2 }] } },
      delivery: { active: false, conversations: { totalCount: 0, nodes: [] } },
    });
  });

  it('contact ↔ conversations, messages, attributes and dispatches', async () => {
    const data = await query(
      `query ($carla: ID!, $diego: ID!) {
        carla: contact(id: $carla) {
          name medium email phoneNumber primaryIdentifier secondaryIdentifier createdAt
          conversations { nodes { displayId contact { name } } }
          messages { nodes { content sender { ... on Contact { name } } } }
          attributes { name value type contact { name } }
          dispatches { nodes { templateName contact { name } } }
        }
        diego: contact(id: $diego) {
          conversations(order: OLDEST_FIRST) { nodes { displayId } }
          messages { nodes { content } }
          attributes { name }
          dispatches { nodes { templateName } }
        }
      }`,
      { carla: f.contacts.carla, diego: f.contacts.diego },
    );
    expect(data).toEqual({
      carla: {
        name: 'Carla',
        medium: 'whatsapp',
        email: null,
        phoneNumber: '+5581988887777',
        primaryIdentifier: '+5581988887777',
        secondaryIdentifier: 'carlinha',
        createdAt: '2026-01-10T00:00:00.000Z',
        conversations: { nodes: [{ displayId: 1, contact: { name: 'Carla' } }] },
        messages: { nodes: [{ content: 'Oi, minha fatura?', sender: { name: 'Carla' } }] },
        attributes: [
          { name: 'city', value: 'Recife', type: 'DEFAULT', contact: { name: 'Carla' } },
          { name: 'plan', value: 'gold', type: 'CUSTOM', contact: { name: 'Carla' } },
        ],
        dispatches: { nodes: [{ templateName: 'invoice_ready', contact: { name: 'Carla' } }] },
      },
      diego: {
        conversations: { nodes: [{ displayId: 2 }, { displayId: 3 }] },
        messages: { nodes: [{ content: 'Hello?' }] },
        attributes: [],
        dispatches: { nodes: [{ templateName: 'welcome' }] },
      },
    });
  });

  it('agent ↔ teams, inboxes, presences, assigned conversations and messages', async () => {
    const data = await query(
      `query ($ana: ID!, $bruno: ID!, $bot: ID!) {
        ana: agent(id: $ana) {
          name kind email reference lastSignInAt
          teams { name members { name } }
          inboxes { name }
          presences(order: OLDEST_FIRST) { nodes { status awayState startedAt endedAt agent { name } } }
          assignedConversations { nodes { displayId assignee { name } } }
          messages(order: OLDEST_FIRST) { totalCount nodes { content } }
          withNotes: messages(order: OLDEST_FIRST, filter: { includePrivate: true }) { totalCount nodes { content } }
        }
        bruno: agent(id: $bruno) {
          teams { name } inboxes { name }
          presences { nodes { status endedAt } }
          assignedConversations { nodes { displayId } }
          messages { totalCount }
        }
        bot: agent(id: $bot) {
          kind email lastSignInAt teams { name } inboxes { name } presences { totalCount } assignedConversations { totalCount }
          messages { nodes { content sender { ... on Agent { name } } } }
        }
      }`,
      { ana: f.agents.ana, bruno: f.agents.bruno, bot: f.agents.bot },
    );
    expect(data).toEqual({
      ana: {
        name: 'Ana',
        kind: 'HUMAN',
        email: 'ana@example.com',
        reference: 'E-1',
        lastSignInAt: '2026-02-01T07:55:00.000Z',
        teams: [{ name: 'Sales', members: [{ name: 'Ana' }, { name: 'Bruno' }] }],
        inboxes: [{ name: 'wa-main' }],
        presences: {
          nodes: [
            {
              status: 'AVAILABLE',
              awayState: null,
              startedAt: '2026-02-01T08:00:00.000Z',
              endedAt: '2026-02-01T12:00:00.000Z',
              agent: { name: 'Ana' },
            },
            {
              status: 'AWAY',
              awayState: 'lunch',
              startedAt: '2026-02-01T12:00:00.000Z',
              endedAt: '2026-02-01T13:00:00.000Z',
              agent: { name: 'Ana' },
            },
          ],
        },
        assignedConversations: { nodes: [{ displayId: 1, assignee: { name: 'Ana' } }] },
        messages: { totalCount: 1, nodes: [{ content: 'Segue a fatura.' }] },
        withNotes: { totalCount: 2, nodes: [{ content: 'Segue a fatura.' }, { content: 'cliente antigo' }] },
      },
      bruno: {
        teams: [{ name: 'Sales' }, { name: 'Support' }],
        inboxes: [{ name: 'site' }, { name: 'wa-main' }],
        presences: { nodes: [{ status: 'AVAILABLE', endedAt: null }] },
        assignedConversations: { nodes: [{ displayId: 2 }] },
        messages: { totalCount: 0 },
      },
      bot: {
        kind: 'VIRTUAL',
        email: null,
        lastSignInAt: null,
        teams: [],
        inboxes: [],
        presences: { totalCount: 0 },
        assignedConversations: { totalCount: 0 },
        messages: { nodes: [{ content: 'Hi, I am Botty.', sender: { name: 'Botty' } }] },
      },
    });
  });

  it('team ↔ members and conversations', async () => {
    const data = await query(
      `query ($sales: ID!, $support: ID!) {
        sales: team(id: $sales) { name members { name teams { name } } conversations { nodes { displayId team { name } } } }
        support: team(id: $support) { members { name } conversations { nodes { displayId } } }
      }`,
      { sales: f.teams.sales, support: f.teams.support },
    );
    expect(data).toEqual({
      sales: {
        name: 'Sales',
        members: [
          { name: 'Ana', teams: [{ name: 'Sales' }] },
          { name: 'Bruno', teams: [{ name: 'Sales' }, { name: 'Support' }] },
        ],
        conversations: { nodes: [{ displayId: 1, team: { name: 'Sales' } }] },
      },
      support: { members: [{ name: 'Bruno' }], conversations: { nodes: [{ displayId: 2 }] } },
    });
  });

  it('dispatch → inbox, contact, conversation and requesting agent', async () => {
    const data = await query(`{
      dispatches(order: OLDEST_FIRST) {
        nodes {
          templateName content recipientNumber requestedAt sentAt deliveredAt readAt failedAt failureReason
          inbox { name } contact { name } conversation { displayId } requestedBy { name }
        }
      }
    }`);
    expect(data.dispatches.nodes).toEqual([
      {
        templateName: 'invoice_ready',
        content: 'Sua fatura chegou',
        recipientNumber: '+5581988887777',
        requestedAt: '2026-02-01T09:00:00.000Z',
        sentAt: '2026-02-01T09:00:01.000Z',
        deliveredAt: null,
        readAt: null,
        failedAt: null,
        failureReason: null,
        inbox: { name: 'wa-main' },
        contact: { name: 'Carla' },
        conversation: { displayId: 1 },
        requestedBy: { name: 'Ana' },
      },
      {
        templateName: 'welcome',
        content: 'Bem-vindo',
        recipientNumber: '+5511911112222',
        requestedAt: '2026-02-01T09:30:00.000Z',
        sentAt: null,
        deliveredAt: null,
        readAt: null,
        failedAt: '2026-02-01T09:30:05.000Z',
        failureReason: 'invalid number',
        inbox: { name: 'wa-main' },
        contact: { name: 'Diego' },
        conversation: null,
        requestedBy: null,
      },
    ]);
  });

  it('conversation events of a virtual-agent handover', async () => {
    const data = await query(
      `query ($id: ID!) { conversation(id: $id) { events { nodes { kind handoverReason handoverDueToError occurredAt agent { name kind } team { name } } } } }`,
      { id: f.conversations.second },
    );
    expect(data.conversation.events.nodes).toEqual([
      {
        kind: 'HANDED_OVER',
        handoverReason: 'asked for human',
        handoverDueToError: false,
        occurredAt: '2026-02-02T10:02:00.000Z',
        agent: { name: 'Botty', kind: 'VIRTUAL' },
        team: null,
      },
    ]);
  });
});
