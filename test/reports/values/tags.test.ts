import { pick, reportValues } from './support';

describe('tags report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;

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
});
