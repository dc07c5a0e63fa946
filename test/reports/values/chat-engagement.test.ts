import { ReportFixture } from '../fixture';
import { pick, reportValues } from './support';

describe('chat_engagement report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;
  let f: ReportFixture;
  beforeAll(() => {
    f = values.fixture;
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
});
