import { pick, reportValues } from './support';

describe('topics report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;

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
});
