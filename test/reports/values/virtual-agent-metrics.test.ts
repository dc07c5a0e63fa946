import { pick, reportValues } from './support';

describe('virtual_agent_metrics report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;

  it('virtual_agent_metrics: the bot per channel', async () => {
    expect(
      pick(await rows('virtual_agent_metrics'), [
        'virtualAgentName',
        'channel',
        'totalConversations',
        'handoversToAgent',
        'handoversDueToError',
        'resolvedConversations',
        'totalConversationsWithTopic',
        'totalTaggedMessages',
        'tagsPerMessage',
      ]),
    ).toEqual([
      // W: x2 in X; handover of X; x1 carries one tag: 1 / 1 = 1
      {
        virtualAgentName: 'Bot',
        channel: 'WA Vendas',
        totalConversations: 1,
        handoversToAgent: 1,
        handoversDueToError: 0,
        resolvedConversations: 0,
        totalConversationsWithTopic: 0,
        totalTaggedMessages: 1,
        tagsPerMessage: 1,
      },
      // I: v2 in V, u2 in U; V handed over on an error; U resolved and given Entrega; u1 carries two tags: 2 / 1 = 2
      {
        virtualAgentName: 'Bot',
        channel: '@fixture',
        totalConversations: 2,
        handoversToAgent: 1,
        handoversDueToError: 1,
        resolvedConversations: 1,
        totalConversationsWithTopic: 1,
        totalTaggedMessages: 1,
        tagsPerMessage: 2,
      },
    ]);
  });
});
