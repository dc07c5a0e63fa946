import { ReportFixture } from '../fixture';
import { pick, reportValues } from './support';

describe('chat_summary report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;
  let f: ReportFixture;
  beforeAll(() => {
    f = values.fixture;
  });

  describe('chat_summary', () => {
    it('counts contacts, conversations and public messages per inbox and local day', async () => {
      expect(
        pick(await rows('chat_summary'), ['date', 'inboxId', 'channelType', 'totalContacts', 'totalConversations', 'totalMessages']),
      ).toEqual([
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
});
