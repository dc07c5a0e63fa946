import { ReportFixture } from '../fixture';
import { SP_DAY, pick, reportValues } from './support';

describe('chat_conversations_by_hour report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;
  let f: ReportFixture;
  beforeAll(() => {
    f = values.fixture;
  });

  describe('chat_conversations_by_hour', () => {
    const fields = [
      'conversationDate',
      'conversationHour',
      'inboxId',
      'totalConversations',
      'totalIncomingMessages',
      'totalOutgoingMessages',
    ];

    it('buckets public messages into local hours (São Paulo, UTC-3)', async () => {
      const result = await rows('chat_conversations_by_hour');
      expect(pick(result, fields)).toEqual([
        // 12:00–12:45Z → 09h: Z with z2 in, z1 and z3 out.
        {
          conversationDate: '2026-03-10',
          conversationHour: 9,
          inboxId: f.inboxes.W,
          totalConversations: 1,
          totalIncomingMessages: 1,
          totalOutgoingMessages: 2,
        },
        // 13:00Z → 10h: y1.
        {
          conversationDate: '2026-03-10',
          conversationHour: 10,
          inboxId: f.inboxes.I,
          totalConversations: 1,
          totalIncomingMessages: 1,
          totalOutgoingMessages: 0,
        },
        // 14:00–14:31Z → 11h: x1 in, x2 and x3 out (x4 private).
        {
          conversationDate: '2026-03-10',
          conversationHour: 11,
          inboxId: f.inboxes.W,
          totalConversations: 1,
          totalIncomingMessages: 1,
          totalOutgoingMessages: 2,
        },
        // 16:00–16:20Z → 13h: y2 in, y3 out (y4 deleted).
        {
          conversationDate: '2026-03-10',
          conversationHour: 13,
          inboxId: f.inboxes.I,
          totalConversations: 1,
          totalIncomingMessages: 1,
          totalOutgoingMessages: 1,
        },
        // 19:00Z → 16h: v1 in, v2 out. 20:00Z → 17h: u1 in, u2 out.
        {
          conversationDate: '2026-03-10',
          conversationHour: 16,
          inboxId: f.inboxes.I,
          totalConversations: 1,
          totalIncomingMessages: 1,
          totalOutgoingMessages: 1,
        },
        {
          conversationDate: '2026-03-10',
          conversationHour: 17,
          inboxId: f.inboxes.I,
          totalConversations: 1,
          totalIncomingMessages: 1,
          totalOutgoingMessages: 1,
        },
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
});
