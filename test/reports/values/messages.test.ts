import { ReportFixture } from '../fixture';
import { SP_DAY, reportValues } from './support';

describe('messages report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;
  let f: ReportFixture;
  beforeAll(() => {
    f = values.fixture;
  });

  describe('messages', () => {
    it('has every message of the day, deleted and private ones included', async () => {
      const result = await rows('messages');
      // 14 chat rows + y4 (deleted) = 15
      expect(result).toHaveLength(15);
      expect(result.find((r) => r.messageId === f.messages.y4)).toMatchObject({
        deletedAt: '2026-03-10T16:06:00.000Z',
        content: '=1+1',
        direction: 'INCOMING',
        origin: 'CONTACT',
      });
      expect(result.find((r) => r.messageId === f.messages.x1)).toMatchObject({
        tagIds: [f.tags.urgente],
        tagNames: ['urgente'],
        contactSecondaryIdentifier: 'Carla',
      });
      expect(result.find((r) => r.messageId === f.messages.y2)).toMatchObject({ tagNames: [] });
      expect(result.find((r) => r.messageId === f.messages.x2)).toMatchObject({
        agentName: 'Bot',
        origin: 'VIRTUAL_AGENT',
        systemUserType: 'VIRTUAL_AGENT',
        outboundMessageType: 'REPLY',
        teamId: null,
      });
      expect(result.find((r) => r.messageId === f.messages.x3)).toMatchObject({
        agentId: f.agents.ana,
        agentReference: 'E-1',
        teamName: 'Suporte',
        direction: 'OUTGOING',
        messageType: 'TEXT',
        conversationUrl: 'https://app.test/c/1',
      });
      expect(result.find((r) => r.messageId === f.messages.z1)).toMatchObject({
        messageType: 'TEMPLATE',
        origin: 'API',
        outboundMessageType: 'TEMPLATE',
        agentId: null,
      });
    });

    it('narrows by agent and by team', async () => {
      // Bruno sent y3 and z3; team Suporte sent x3 and the note x4.
      expect((await rows('messages', { ...SP_DAY, agentIds: [f.agents.bruno] })).map((r) => r.messageId)).toEqual([
        f.messages.y3,
        f.messages.z3,
      ]);
      expect((await rows('messages', { ...SP_DAY, teamIds: [f.teams.suporte] })).map((r) => r.messageId)).toEqual([
        f.messages.x3,
        f.messages.x4,
      ]);
      expect((await rows('messages', { ...SP_DAY, inboxIds: [f.inboxes.I] })).map((r) => r.conversationId)).toEqual([
        f.conversations.Y,
        f.conversations.Y,
        f.conversations.Y,
        f.conversations.Y,
        f.conversations.V,
        f.conversations.V,
        f.conversations.U,
        f.conversations.U,
      ]);
      expect(await rows('messages', { ...SP_DAY, channelTypes: ['INSTAGRAM'] })).toHaveLength(8);
    });
  });
});
