import { catalog } from '../../src/catalog';
import { reportQueryField } from '../../src/catalog/naming';
import { startTestApp, TestApp } from '../support/app';
import { buildReportFixture, ReportFixture } from './fixture';

type Row = Record<string, unknown>;

/** São Paulo's 10 March 2026, i.e. [03:00Z 10th, 03:00Z 11th): the account's own zone. */
const SP_DAY = { from: '2026-03-10', to: '2026-03-11' };

/**
 * Every metric of every report, checked against values worked out by hand from the fixture
 * (see fixture.ts for the timeline; times below are UTC on 10 March unless said otherwise).
 */
describe('report values on a hand-built fixture', () => {
  let app: TestApp;
  let f: ReportFixture;

  beforeAll(async () => {
    app = await startTestApp();
    f = await buildReportFixture(app.db);
  });

  afterAll(async () => {
    await app.close();
  });

  async function rows(report: string, filter: Record<string, unknown> = SP_DAY): Promise<Row[]> {
    const definition = catalog.find((r) => r.key === report);
    if (!definition) throw new Error(report);
    const field = reportQueryField(report);
    const response = await app.graphql<Record<string, { totalCount: number; nodes: Row[] }>>(
      `query($filter: ReportFilter!) { ${field}(filter: $filter, first: 1000) { totalCount nodes { ${definition.columns.map((c) => c.field).join(' ')} } } }`,
      { key: f.key, variables: { filter } },
    );
    expect(response.errors).toBeUndefined();
    const connection = response.data?.[field];
    expect(connection?.totalCount).toBe(connection?.nodes.length);
    return connection?.nodes ?? [];
  }

  const pick = (all: Row[], fields: string[]) => all.map((row) => Object.fromEntries(fields.map((field) => [field, row[field]])));

  describe('chat_conversations', () => {
    it('has one row per public or private message of the day, activity and deleted messages left out', async () => {
      const result = await rows('chat_conversations');
      // X: x1 x2 x3 x4 (x5 is activity) + Y: y1 y2 y3 (y4 deleted) + Z: z1 z2 z3 + V: v1 v2 + U: u1 u2 = 14;
      // w1 at 02:30Z is 23:30 on the 9th in São Paulo.
      expect(result.map((r) => r.messageId)).toEqual(
        ['x1', 'x2', 'x3', 'x4', 'y1', 'y2', 'y3', 'z1', 'z2', 'z3', 'v1', 'v2', 'u1', 'u2'].map((m) => f.messages[m]).sort((a, b) => Number(a) - Number(b)),
      );
      const x4 = result.find((r) => r.messageId === f.messages.x4);
      expect(x4).toMatchObject({
        accountName: 'Fixture Co',
        inboxId: f.inboxes.W,
        inboxName: 'WA Vendas',
        contactName: 'Carla',
        contactEmail: 'carla@example.com',
        contactPhoneNumber: '+5511988887777',
        channelType: 'WHATSAPP',
        conversationId: f.conversations.X,
        conversationCreatedAt: '2026-03-10T14:00:00.000Z',
        messageCreatedAt: '2026-03-10T14:31:00.000Z',
        messageType: 'OUTGOING',
        messagePrivate: true,
        messageContent: 'cliente recorrente',
      });
      expect(result.find((r) => r.messageId === f.messages.x1)).toMatchObject({ messageType: 'INCOMING', messagePrivate: false });
    });

    it('reads offset-less range ends in the filter time zone', async () => {
      // In UTC the 10th is [00:00Z, 24:00Z), which takes in w1 (02:30Z): 14 + 1 = 15 rows.
      expect(await rows('chat_conversations', { ...SP_DAY, timeZone: 'UTC' })).toHaveLength(15);
      // An explicit offset is an instant whatever the zone: [02:00Z, 03:00Z) holds w1 only.
      const early = await rows('chat_conversations', { from: '2026-03-10T02:00:00Z', to: '2026-03-10T00:00:00-03:00' });
      expect(early.map((r) => r.messageId)).toEqual([f.messages.w1]);
    });
  });

  it('chat_users: one row per human user and inbox membership', async () => {
    const result = await rows('chat_users');
    // Ana is in W and I, Bruno in W; the bot is virtual.
    expect(pick(result, ['userName', 'inboxName', 'userEmail', 'lastSignInIp'])).toEqual([
      { userName: 'Ana', inboxName: 'WA Vendas', userEmail: 'ana@fixture.test', lastSignInIp: '10.0.0.1' },
      { userName: 'Ana', inboxName: '@fixture', userEmail: 'ana@fixture.test', lastSignInIp: '10.0.0.1' },
      { userName: 'Bruno', inboxName: 'WA Vendas', userEmail: 'bruno@fixture.test', lastSignInIp: '10.0.0.2' },
    ]);
    expect(result[0]).toMatchObject({ createdAt: '2026-03-01T10:00:00.000Z', lastSignInAt: '2026-03-10T10:55:00.000Z' });
  });

  describe('chat_summary', () => {
    it('counts contacts, conversations and public messages per inbox and local day', async () => {
      expect(pick(await rows('chat_summary'), ['date', 'inboxId', 'channelType', 'totalContacts', 'totalConversations', 'totalMessages'])).toEqual([
        // W: x1 x2 x3 z1 z2 z3 = 6 public messages (x4 is private), all with Carla; X and Z created that day.
        { date: '2026-03-10', inboxId: f.inboxes.W, channelType: 'WHATSAPP', totalContacts: 1, totalConversations: 2, totalMessages: 6 },
        // I: y1 y2 y3 v1 v2 u1 u2 = 7 (y4 deleted), all with Dan; Y, V and U created that day.
        { date: '2026-03-10', inboxId: f.inboxes.I, channelType: 'INSTAGRAM', totalContacts: 1, totalConversations: 3, totalMessages: 7 },
      ]);
    });

    it('puts 02:30Z into the previous São Paulo day', async () => {
      const result = await rows('chat_summary', { from: '2026-03-09', to: '2026-03-11' });
      // W (#4) was created and w1 sent at 02:30Z = 23:30 on the 9th: one day-row more.
      expect(pick(result, ['date', 'inboxId', 'totalContacts', 'totalConversations', 'totalMessages'])[0]).toEqual({
        date: '2026-03-09',
        inboxId: f.inboxes.W,
        totalContacts: 1,
        totalConversations: 1,
        totalMessages: 1,
      });
      expect(result).toHaveLength(3);
    });
  });

  describe('chat_conversations_by_hour', () => {
    const fields = ['conversationDate', 'conversationHour', 'inboxId', 'totalConversations', 'totalIncomingMessages', 'totalOutgoingMessages'];

    it('buckets public messages into local hours (São Paulo, UTC-3)', async () => {
      const result = await rows('chat_conversations_by_hour');
      expect(pick(result, fields)).toEqual([
        // 12:00–12:45Z → 09h: Z with z2 in, z1 and z3 out.
        { conversationDate: '2026-03-10', conversationHour: 9, inboxId: f.inboxes.W, totalConversations: 1, totalIncomingMessages: 1, totalOutgoingMessages: 2 },
        // 13:00Z → 10h: y1.
        { conversationDate: '2026-03-10', conversationHour: 10, inboxId: f.inboxes.I, totalConversations: 1, totalIncomingMessages: 1, totalOutgoingMessages: 0 },
        // 14:00–14:31Z → 11h: x1 in, x2 and x3 out (x4 private).
        { conversationDate: '2026-03-10', conversationHour: 11, inboxId: f.inboxes.W, totalConversations: 1, totalIncomingMessages: 1, totalOutgoingMessages: 2 },
        // 16:00–16:20Z → 13h: y2 in, y3 out (y4 deleted).
        { conversationDate: '2026-03-10', conversationHour: 13, inboxId: f.inboxes.I, totalConversations: 1, totalIncomingMessages: 1, totalOutgoingMessages: 1 },
        // 19:00Z → 16h: v1 in, v2 out. 20:00Z → 17h: u1 in, u2 out.
        { conversationDate: '2026-03-10', conversationHour: 16, inboxId: f.inboxes.I, totalConversations: 1, totalIncomingMessages: 1, totalOutgoingMessages: 1 },
        { conversationDate: '2026-03-10', conversationHour: 17, inboxId: f.inboxes.I, totalConversations: 1, totalIncomingMessages: 1, totalOutgoingMessages: 1 },
      ]);
      expect(result[0]).toMatchObject({ server: 'srv-1', channelType: 'WHATSAPP' });
    });

    it('follows daylight saving time (New York is UTC-4 after 8 March)', async () => {
      const result = await rows('chat_conversations_by_hour', { ...SP_DAY, timeZone: 'America/New_York' });
      // 12:00Z → 08h, 13:00Z → 09h, 14:00Z → 10h, 16:00Z → 12h, 19:00Z → 15h, 20:00Z → 16h (UTC-5 would give 07h…15h).
      expect(result.map((r) => r.conversationHour)).toEqual([8, 9, 10, 12, 15, 16]);
    });

    it('puts a message across midnight into the previous local date', async () => {
      const result = await rows('chat_conversations_by_hour', { from: '2026-03-09', to: '2026-03-11' });
      // w1 at 02:30Z is 23:30 on the 9th: date 2026-03-09, hour 23, outgoing only.
      expect(pick(result, fields)[0]).toEqual({
        conversationDate: '2026-03-09',
        conversationHour: 23,
        inboxId: f.inboxes.W,
        totalConversations: 1,
        totalIncomingMessages: 0,
        totalOutgoingMessages: 1,
      });
    });
  });

  describe('chat_engagement', () => {
    it('reports the dispatch requested that day with its outcome flags', async () => {
      expect(await rows('chat_engagement')).toEqual([
        {
          accountId: f.accountId,
          accountName: 'Fixture Co',
          inboxId: f.inboxes.W,
          inboxName: 'WA Vendas',
          conversationId: f.conversations.Z,
          conversationDisplayId: '3',
          requestedSendAt: '2026-03-10T12:00:00.000Z',
          channelOfficialStatus: 'OFFICIAL',
          provider: 'Meta',
          templateName: 'boas_vindas',
          initialMessageContent: 'Olá! Podemos ajudar?',
          portfolio: 'Varejo',
          whatsappNumber: '+5511988887777',
          // z1, z2, z3
          messageCount: 3,
          sent: true,
          delivered: true,
          read: true,
          failed: false,
          // z2 (12:30) came after the request (12:00)
          customerInteracted: true,
        },
      ]);
    });

    it('reports a failed dispatch with FLAG_FALHA set and nothing else', async () => {
      const result = await rows('chat_engagement', { from: '2026-03-09', to: '2026-03-11' });
      // D2 was requested at 02:30Z = the 9th in São Paulo; only w1 is in its conversation.
      expect(pick(result, ['conversationId', 'messageCount', 'sent', 'delivered', 'read', 'failed', 'customerInteracted'])[1]).toEqual({
        conversationId: f.conversations.W,
        messageCount: 1,
        sent: false,
        delivered: false,
        read: false,
        failed: true,
        customerInteracted: false,
      });
    });
  });

  describe('conversations_resolved', () => {
    it('holds the conversations first resolved that day, with their metrics', async () => {
      const result = await rows('conversations_resolved');
      // First resolutions on the 10th: X 14:40, Y 13:12, Z 18:00, U 20:05 (V and W never resolved).
      expect(result.map((r) => r.conversationId)).toEqual([f.conversations.X, f.conversations.Y, f.conversations.Z, f.conversations.U]);
      const [x, y, z, u] = result;
      expect(x).toMatchObject({
        medium: 'WhatsApp',
        channel: 'WA Vendas',
        channelDisplayName: 'Vendas',
        contactProfileId: f.contacts.C1,
        contactPrimaryIdentifier: '+5511988887777',
        contactSecondaryIdentifier: 'Carla',
        createdAt: '2026-03-10T14:00:00.000Z',
        lastStatusChangeAgentId: f.agents.ana,
        lastStatusChangeAgentName: 'Ana',
        lastStatusChangeAgentReference: 'E-1',
        lastStatusChangeTeamId: f.teams.suporte,
        lastStatusChangeTeamName: 'Suporte',
        currentStatus: 'RESOLVED',
        resolvedBy: 'AGENT',
        resolveReason: 'Dúvida sanada',
        resolveComment: 'ok',
        resolveTrigger: 'HUMAN_AGENT',
        resolvedAt: '2026-03-10T14:40:00.000Z',
        resolvedAgentId: f.agents.ana,
        resolvedAgentName: 'Ana',
        resolvedAgentReference: 'E-1',
        // x1 in; x2 (bot) and x3 out; x4 is a private note, x5 activity
        inboundMessageCount: 1,
        outboundMessageCount: 2,
        // the clock starts at the handover 14:02, Ana answers 14:30: 28 min = 1680 s
        firstResponseTimeSeconds: 1680,
        // Ana's lock 14:25–14:41 = 960 s, with her reply at 14:30 inside it
        handleTimeSeconds: 960,
        noReplyTimeSeconds: 0,
        cherryPickingTimeSeconds: 0,
        // first inbound 14:00 → resolved 14:40 = 2400 s
        resolutionTimeSeconds: 2400,
        topicIds: [f.topics.entrega],
        topicNames: ['Entrega'],
        conversationUrl: 'https://app.test/c/1',
        lastUpdatedAt: '2026-03-10T15:00:00.000Z',
        language: 'pt-BR',
        csatScore: 5,
        csatCompletedStatus: 'COMPLETED',
        csatFollowUpQuestion: 'O que melhorar?',
        csatFollowUpResponse: 'Nada',
      });
      expect(y).toMatchObject({
        currentStatus: 'PENDING',
        lastStatusChangeAgentName: 'Bruno',
        lastStatusChangeTeamName: 'Vendas',
        resolvedAgentName: 'Ana',
        resolvedAt: '2026-03-10T13:12:00.000Z',
        // y1, y2 and the deleted y4 in; y3 out
        inboundMessageCount: 3,
        outboundMessageCount: 1,
        // no handover: 13:00 → Bruno's first reply 16:20 = 3 h 20 min = 12000 s (the reopen does not restart it)
        firstResponseTimeSeconds: 12000,
        // Bruno 16:15–16:25 with a reply = 600; Ana 13:10–13:13 resolving without reply = 180; Bruno 13:05–13:07 = 120
        handleTimeSeconds: 600,
        noReplyTimeSeconds: 180,
        cherryPickingTimeSeconds: 120,
        // 13:00 → 13:12 = 720 s
        resolutionTimeSeconds: 720,
        // Cancelado was removed at 16:22
        topicNames: ['Entrega'],
        csatScore: null,
        csatCompletedStatus: null,
      });
      expect(z).toMatchObject({
        resolvedBy: 'BULK',
        resolveTrigger: 'AUTOMATION',
        resolvedAgentId: null,
        lastStatusChangeAgentId: null,
        // z2 in; z1 (template) and z3 out
        inboundMessageCount: 1,
        outboundMessageCount: 2,
        // 12:30 → 12:45 = 900 s
        firstResponseTimeSeconds: 900,
        handleTimeSeconds: 0,
        // 12:30 → 18:00 = 5 h 30 min = 19800 s
        resolutionTimeSeconds: 19800,
        topicIds: [],
        csatScore: 2,
      });
      expect(u).toMatchObject({
        resolvedBy: 'VIRTUAL_AGENT',
        resolveTrigger: 'VIRTUAL_AGENT',
        resolvedAgentName: 'Bot',
        inboundMessageCount: 1,
        outboundMessageCount: 1,
        // no human ever replied
        firstResponseTimeSeconds: null,
        // 20:00 → 20:05 = 300 s
        resolutionTimeSeconds: 300,
        topicNames: ['Entrega'],
      });
    });
  });

  it('conversations_open: every New, Open or Pending conversation, whatever the range', async () => {
    const result = await rows('conversations_open', { from: '2025-01-01', to: '2025-01-02' });
    // Y pending, W open, V new.
    expect(pick(result, ['conversationId', 'currentStatus', 'inboundMessageCount', 'outboundMessageCount', 'firstResponseTimeSeconds', 'resolvedAt', 'resolutionTimeSeconds'])).toEqual([
      // previous resolution 13:12: 13:00 → 13:12 = 720 s
      { conversationId: f.conversations.Y, currentStatus: 'PENDING', inboundMessageCount: 3, outboundMessageCount: 1, firstResponseTimeSeconds: 12000, resolvedAt: '2026-03-10T13:12:00.000Z', resolutionTimeSeconds: 720 },
      // only the failed template w1
      { conversationId: f.conversations.W, currentStatus: 'OPEN', inboundMessageCount: 0, outboundMessageCount: 1, firstResponseTimeSeconds: null, resolvedAt: null, resolutionTimeSeconds: null },
      // v1 in, v2 (bot) out; handed over at 19:02 but no human reply yet
      { conversationId: f.conversations.V, currentStatus: 'NEW', inboundMessageCount: 1, outboundMessageCount: 1, firstResponseTimeSeconds: null, resolvedAt: null, resolutionTimeSeconds: null },
    ]);
  });

  describe('messages', () => {
    it('has every message of the day, deleted and private ones included', async () => {
      const result = await rows('messages');
      // 14 chat rows + y4 (deleted) = 15
      expect(result).toHaveLength(15);
      expect(result.find((r) => r.messageId === f.messages.y4)).toMatchObject({ deletedAt: '2026-03-10T16:06:00.000Z', content: '=1+1', direction: 'INCOMING', origin: 'CONTACT' });
      expect(result.find((r) => r.messageId === f.messages.x1)).toMatchObject({ tagIds: [f.tags.urgente], tagNames: ['urgente'], contactSecondaryIdentifier: 'Carla' });
      expect(result.find((r) => r.messageId === f.messages.y2)).toMatchObject({ tagNames: [] });
      expect(result.find((r) => r.messageId === f.messages.x2)).toMatchObject({ agentName: 'Bot', origin: 'VIRTUAL_AGENT', systemUserType: 'VIRTUAL_AGENT', outboundMessageType: 'REPLY', teamId: null });
      expect(result.find((r) => r.messageId === f.messages.x3)).toMatchObject({
        agentId: f.agents.ana,
        agentReference: 'E-1',
        teamName: 'Suporte',
        direction: 'OUTGOING',
        messageType: 'TEXT',
        conversationUrl: 'https://app.test/c/1',
      });
      expect(result.find((r) => r.messageId === f.messages.z1)).toMatchObject({ messageType: 'TEMPLATE', origin: 'API', outboundMessageType: 'TEMPLATE', agentId: null });
    });

    it('narrows by agent and by team', async () => {
      // Bruno sent y3 and z3; team Suporte sent x3 and the note x4.
      expect((await rows('messages', { ...SP_DAY, agentIds: [f.agents.bruno] })).map((r) => r.messageId)).toEqual([f.messages.y3, f.messages.z3]);
      expect((await rows('messages', { ...SP_DAY, teamIds: [f.teams.suporte] })).map((r) => r.messageId)).toEqual([f.messages.x3, f.messages.x4]);
      expect((await rows('messages', { ...SP_DAY, inboxIds: [f.inboxes.I] })).map((r) => r.conversationId)).toEqual([
        f.conversations.Y, f.conversations.Y, f.conversations.Y, f.conversations.Y, f.conversations.V, f.conversations.V, f.conversations.U, f.conversations.U,
      ]);
      expect(await rows('messages', { ...SP_DAY, channelTypes: ['INSTAGRAM'] })).toHaveLength(8);
    });
  });

  it('teams: activity credited to Suporte (Ana) and Vendas (Bruno)', async () => {
    const result = await rows('teams');
    expect(result).toEqual([
      {
        createdAt: '2026-03-01T09:00:00.000Z',
        teamId: f.teams.suporte,
        teamName: 'Suporte',
        // X resolved 14:40 after x3 (14:30); Y resolved 13:12 before any human reply
        resolvesWithReply: 1,
        resolvesWithoutReply: 1,
        // Suporte replied only in X: 1680
        avgFirstResponseTimeSeconds: 1680,
        // X 14:00 → 14:40 = 2400, Y 13:00 → 13:12 = 720: (2400 + 720) / 2 = 1560
        avgResolutionTimeSeconds: 1560,
        // Ana: X lock 960 (replied), Y lock 180 (resolved without reply)
        totalHandleTimeSeconds: 960,
        totalNoReplyTimeSeconds: 180,
        totalCherryPickingTimeSeconds: 0,
        // 960 over 1 conversation
        avgHandleTimeSeconds: 960,
        // x3 went to Carla
        contactsHelped: 1,
        // X (team Suporte) got a 5 at 15:00
        csatScore1Count: 0,
        csatScore2Count: 0,
        csatScore3Count: 0,
        csatScore4Count: 0,
        csatScore5Count: 1,
        // urgente on x1 by Ana
        tagsAdded: 1,
        // Entrega on X and on Y by Ana
        topicsAdded: 2,
        // x3 (x4 is private)
        replies: 1,
      },
      {
        createdAt: '2026-03-02T09:00:00.000Z',
        teamId: f.teams.vendas,
        teamName: 'Vendas',
        // Bruno moved Y to Pending, he resolved nothing; Z was resolved in bulk by nobody's team
        resolvesWithReply: 0,
        resolvesWithoutReply: 0,
        // Y 12000 and Z 900: (12000 + 900) / 2 = 6450
        avgFirstResponseTimeSeconds: 6450,
        avgResolutionTimeSeconds: null,
        // Bruno: Y 16:15–16:25 with y3 = 600; Y 13:05–13:07 without anything = 120
        totalHandleTimeSeconds: 600,
        totalNoReplyTimeSeconds: 0,
        totalCherryPickingTimeSeconds: 120,
        avgHandleTimeSeconds: 600,
        // y3 to Dan, z3 to Carla
        contactsHelped: 2,
        // Z (team Vendas) got a 2 at 18:30
        csatScore1Count: 0,
        csatScore2Count: 1,
        csatScore3Count: 0,
        csatScore4Count: 0,
        csatScore5Count: 0,
        // urgente on y2 (removed later, still added)
        tagsAdded: 1,
        // Cancelado on Y
        topicsAdded: 1,
        // y3 and z3
        replies: 2,
      },
    ]);
  });

  it('contacts: counts over the day per contact', async () => {
    expect(await rows('contacts')).toEqual([
      {
        contactProfileId: f.contacts.C1,
        medium: 'WhatsApp',
        contactPrimaryIdentifier: '+5511988887777',
        contactSecondaryIdentifier: 'Carla',
        // z1 at 12:00 is Carla's first message of the day
        createdAt: '2026-03-10T12:00:00.000Z',
        // X and Z
        conversationCount: 2,
        // x1, z2
        inboundMessageCount: 2,
        // x2, x3, z1, z3 (x4 private)
        outboundMessageCount: 4,
        lastUpdatedAt: '2026-03-05T08:00:00.000Z',
      },
      {
        contactProfileId: f.contacts.C2,
        medium: 'Instagram',
        contactPrimaryIdentifier: '@dan',
        contactSecondaryIdentifier: 'Dan',
        createdAt: '2026-03-10T13:00:00.000Z',
        // Y, V, U
        conversationCount: 3,
        // y1, y2, y4, v1, u1
        inboundMessageCount: 5,
        // y3, v2, u2
        outboundMessageCount: 3,
        lastUpdatedAt: '2026-03-06T08:00:00.000Z',
      },
    ]);
  });

  it('topics: applications of the day per channel, current ones counted apart', async () => {
    expect(pick(await rows('topics'), ['topicName', 'active', 'totalConversations', 'currentTotalConversations', 'channel'])).toEqual([
      // Entrega on X (W)
      { topicName: 'Entrega', active: true, totalConversations: 1, currentTotalConversations: 1, channel: 'WA Vendas' },
      // Entrega on Y and U (I), both still applied
      { topicName: 'Entrega', active: true, totalConversations: 2, currentTotalConversations: 2, channel: '@fixture' },
      // Cancelado on Y, removed at 16:22
      { topicName: 'Cancelado', active: false, totalConversations: 1, currentTotalConversations: 0, channel: '@fixture' },
    ]);
  });

  it('tags: applications of the day per channel, current ones counted apart', async () => {
    expect(pick(await rows('tags'), ['tagName', 'totalContacts', 'totalMessages', 'currentTotalMessages', 'medium'])).toEqual([
      // urgente on x1 (W)
      { tagName: 'urgente', totalContacts: 1, totalMessages: 1, currentTotalMessages: 1, medium: 'WhatsApp' },
      // urgente on y2 (removed) and u1, both Dan's
      { tagName: 'urgente', totalContacts: 1, totalMessages: 2, currentTotalMessages: 1, medium: 'Instagram' },
      // vip on u1
      { tagName: 'vip', totalContacts: 1, totalMessages: 1, currentTotalMessages: 1, medium: 'Instagram' },
    ]);
  });

  it('agent_presence: whole intervals that overlap the day', async () => {
    const result = await rows('agent_presence');
    // Ana's interval on the 9th ends before 03:00Z on the 10th; Bruno's away 01:00–12:00 overlaps the start.
    expect(pick(result, ['userName', 'presenceType', 'awayState', 'startedAt', 'endedAt', 'durationSeconds'])).toEqual([
      { userName: 'Ana', presenceType: 'AVAILABLE', awayState: null, startedAt: '2026-03-10T11:00:00.000Z', endedAt: '2026-03-10T15:00:00.000Z', durationSeconds: 14400 },
      { userName: 'Ana', presenceType: 'AWAY', awayState: 'Almoço', startedAt: '2026-03-10T15:00:00.000Z', endedAt: '2026-03-10T16:00:00.000Z', durationSeconds: 3600 },
      { userName: 'Ana', presenceType: 'AVAILABLE', awayState: null, startedAt: '2026-03-10T16:00:00.000Z', endedAt: '2026-03-10T20:00:00.000Z', durationSeconds: 14400 },
      // 01:00 → 12:00 = 11 h = 39600 s, not clipped
      { userName: 'Bruno', presenceType: 'AWAY', awayState: 'Reunião', startedAt: '2026-03-10T01:00:00.000Z', endedAt: '2026-03-10T12:00:00.000Z', durationSeconds: 39600 },
      { userName: 'Bruno', presenceType: 'AVAILABLE', awayState: null, startedAt: '2026-03-10T12:00:00.000Z', endedAt: '2026-03-10T17:00:00.000Z', durationSeconds: 18000 },
    ]);
    expect(await rows('agent_presence', { ...SP_DAY, inboxIds: [f.inboxes.I] })).toHaveLength(3);
  });

  it('agent_metrics: presence clipped to the day, activity credited to the agent', async () => {
    expect(await rows('agent_metrics')).toEqual([
      {
        userId: f.agents.ana,
        userName: 'Ana',
        userEmail: 'ana@fixture.test',
        userReference: 'E-1',
        // 11–15 and 16–20 = 8 h = 28800 s; away 15–16 = 3600 s
        availableTimeSeconds: 28800,
        awayTimeSeconds: 3600,
        contactsHelped: 1,
        avgHandleTimeSeconds: 960,
        totalHandleTimeSeconds: 960,
        totalNoReplyTimeSeconds: 180,
        totalCherryPickingTimeSeconds: 0,
        replies: 1,
        resolvesWithReply: 1,
        resolvesWithoutReply: 1,
        tagsAdded: 1,
        topicsAdded: 2,
        // 960 / 28800 × 100 = 3.333… → 3.33
        utilizationPercent: 3.33,
        csatScore1Count: 0,
        csatScore2Count: 0,
        csatScore3Count: 0,
        csatScore4Count: 0,
        // X, resolved by Ana, scored 5
        csatScore5Count: 1,
      },
      {
        userId: f.agents.bruno,
        userName: 'Bruno',
        userEmail: 'bruno@fixture.test',
        userReference: 'E-2',
        // 12–17 = 18000 s; away 01–12 clipped to 03–12 = 9 h = 32400 s
        availableTimeSeconds: 18000,
        awayTimeSeconds: 32400,
        contactsHelped: 2,
        avgHandleTimeSeconds: 600,
        totalHandleTimeSeconds: 600,
        totalNoReplyTimeSeconds: 0,
        totalCherryPickingTimeSeconds: 120,
        replies: 2,
        resolvesWithReply: 0,
        resolvesWithoutReply: 0,
        tagsAdded: 1,
        topicsAdded: 1,
        // 600 / 18000 × 100 = 3.333… → 3.33
        utilizationPercent: 3.33,
        // Z's 2 went to nobody: a bulk action resolved it
        csatScore1Count: 0,
        csatScore2Count: 0,
        csatScore3Count: 0,
        csatScore4Count: 0,
        csatScore5Count: 0,
      },
    ]);
  });

  it('responses: each human reply paired with what started its clock', async () => {
    expect(pick(await rows('responses'), ['outboundMessageId', 'inboundMessageId', 'initiatedBy', 'handoverReason', 'initiatedAt', 'respondedAt', 'agentResponseTimeSeconds', 'responseAgentName'])).toEqual([
      // x1 14:00, handover 14:02, x3 14:30: 1680 s from the handover
      { outboundMessageId: f.messages.x3, inboundMessageId: f.messages.x1, initiatedBy: 'VA_HANDED_OVER_CONVERSATION', handoverReason: 'Pedido de humano', initiatedAt: '2026-03-10T14:02:00.000Z', respondedAt: '2026-03-10T14:30:00.000Z', agentResponseTimeSeconds: 1680, responseAgentName: 'Ana' },
      // after the 13:12 resolution the next contact message is y2 16:00; y3 16:20: 1200 s
      { outboundMessageId: f.messages.y3, inboundMessageId: f.messages.y2, initiatedBy: 'INBOUND_MESSAGE', handoverReason: null, initiatedAt: '2026-03-10T16:00:00.000Z', respondedAt: '2026-03-10T16:20:00.000Z', agentResponseTimeSeconds: 1200, responseAgentName: 'Bruno' },
      // z2 12:30 → z3 12:45: 900 s
      { outboundMessageId: f.messages.z3, inboundMessageId: f.messages.z2, initiatedBy: 'INBOUND_MESSAGE', handoverReason: null, initiatedAt: '2026-03-10T12:30:00.000Z', respondedAt: '2026-03-10T12:45:00.000Z', agentResponseTimeSeconds: 900, responseAgentName: 'Bruno' },
    ]);
  });

  it('virtual_agent_metrics: the bot per channel', async () => {
    expect(pick(await rows('virtual_agent_metrics'), ['virtualAgentName', 'channel', 'totalConversations', 'handoversToAgent', 'handoversDueToError', 'resolvedConversations', 'totalConversationsWithTopic', 'totalTaggedMessages', 'tagsPerMessage'])).toEqual([
      // W: x2 in X; handover of X; x1 carries one tag: 1 / 1 = 1
      { virtualAgentName: 'Bot', channel: 'WA Vendas', totalConversations: 1, handoversToAgent: 1, handoversDueToError: 0, resolvedConversations: 0, totalConversationsWithTopic: 0, totalTaggedMessages: 1, tagsPerMessage: 1 },
      // I: v2 in V, u2 in U; V handed over on an error; U resolved and given Entrega; u1 carries two tags: 2 / 1 = 2
      { virtualAgentName: 'Bot', channel: '@fixture', totalConversations: 2, handoversToAgent: 1, handoversDueToError: 1, resolvedConversations: 1, totalConversationsWithTopic: 1, totalTaggedMessages: 1, tagsPerMessage: 2 },
    ]);
  });

  it('contact_attributes: the attributes of contacts who wrote that day', async () => {
    expect(pick(await rows('contact_attributes'), ['contactProfileId', 'attributeId', 'attributeName', 'attributeValue', 'attributeType'])).toEqual([
      { contactProfileId: f.contacts.C1, attributeId: f.attributes.plano, attributeName: 'plano', attributeValue: 'ouro', attributeType: 'CUSTOM' },
      { contactProfileId: f.contacts.C1, attributeId: f.attributes.cidade, attributeName: 'cidade', attributeValue: 'São Paulo', attributeType: 'DEFAULT' },
      { contactProfileId: f.contacts.C2, attributeId: f.attributes.idade, attributeName: 'idade', attributeValue: '30', attributeType: 'DEFAULT' },
    ]);
    // Only w1 (an outbound template) on the 9th: nobody wrote, no rows.
    expect(await rows('contact_attributes', { from: '2026-03-09', to: '2026-03-10' })).toEqual([]);
  });
});
