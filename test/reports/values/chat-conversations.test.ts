import { ReportFixture } from '../fixture';
import { SP_DAY, reportValues } from './support';

describe('chat_conversations report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;
  let f: ReportFixture;
  beforeAll(() => {
    f = values.fixture;
  });

  describe('chat_conversations', () => {
    it('has one row per public or private message of the day, activity and deleted messages left out', async () => {
      const result = await rows('chat_conversations');
      // X: x1 x2 x3 x4 (x5 is activity) + Y: y1 y2 y3 (y4 deleted) + Z: z1 z2 z3 + V: v1 v2 + U: u1 u2 = 14;
      // w1 at 02:30Z is 23:30 on the 9th in São Paulo.
      expect(result.map((r) => r.messageId)).toEqual(
        ['x1', 'x2', 'x3', 'x4', 'y1', 'y2', 'y3', 'z1', 'z2', 'z3', 'v1', 'v2', 'u1', 'u2']
          .map((m) => f.messages[m])
          .sort((a, b) => Number(a) - Number(b)),
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
});
