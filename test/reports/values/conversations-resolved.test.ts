import { ReportFixture } from '../fixture';
import { reportValues } from './support';

describe('conversations_resolved report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;
  let f: ReportFixture;
  beforeAll(() => {
    f = values.fixture;
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
});
