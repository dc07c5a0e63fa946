import { pick, reportValues } from './support';

describe('chat_users report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;

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
});
