import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';
import { ingestEvents } from '../support/ingest';

/**
 * Until 1914 São Paulo kept local mean time, UTC−03:06:28: its hours began at hh:06:28 UTC, inside
 * the rollup's 15-minute buckets. Such a cut bucket is read from the messages, so each message
 * lands in its own local hour. Two messages share the bucket 03:00–03:15Z of 10 June 1913: 03:05Z is
 * 23:58:32 on the 9th, 03:10Z is 00:03:32 on the 10th (grouped by the bucket's start, both would be
 * 23h on the 9th).
 */
describe('a bucket that a zone’s hour boundary cuts', () => {
  let app: TestApp;
  let account: TestAccount;

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db, { timeZone: 'America/Sao_Paulo' });
    const at = '1913-06-10T03:00:00Z';
    const { applied } = await ingestEvents(app.db, account.id, [
      { id: 'h-1', type: 'inbox.upserted', occurredAt: at, data: { inbox: 'W', name: 'WA', channelType: 'whatsapp', medium: 'WhatsApp' } },
      {
        id: 'h-2',
        type: 'contact.upserted',
        occurredAt: at,
        data: { contact: 'C', medium: 'WhatsApp', primaryIdentifier: '+5511900000000' },
      },
      { id: 'h-3', type: 'conversation.created', occurredAt: at, data: { conversation: 'K', inbox: 'W', contact: 'C' } },
      ...['03:05', '03:10'].map((time, i) => ({
        id: `h-${4 + i}`,
        type: 'message.created',
        occurredAt: `1913-06-10T${time}:00Z`,
        data: { message: `k${i}`, conversation: 'K', direction: 'incoming', origin: 'contact', senderContact: 'C', content: 'Oi' },
      })),
    ]);
    expect(applied.rejected).toBe(0);
  });

  afterAll(async () => {
    await app.close();
  });

  it('puts each of its messages into its own local hour', async () => {
    const response = await app.graphql<{
      chatConversationsByHourReport: {
        nodes: Array<{ conversationDate: string; conversationHour: number; totalIncomingMessages: number }>;
      };
    }>(
      `query($filter: ReportFilter!) { chatConversationsByHourReport(filter: $filter, first: 100) {
         nodes { conversationDate conversationHour totalIncomingMessages } } }`,
      { key: account.key, variables: { filter: { from: '1913-06-09', to: '1913-06-11' } } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.chatConversationsByHourReport.nodes).toEqual([
      { conversationDate: '1913-06-09', conversationHour: 23, totalIncomingMessages: 1 },
      { conversationDate: '1913-06-10', conversationHour: 0, totalIncomingMessages: 1 },
    ]);
  });
});
