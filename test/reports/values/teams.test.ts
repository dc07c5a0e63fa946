import { ReportFixture } from '../fixture';
import { pick, reportValues, SP_DAY } from './support';

describe('teams report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;
  let f: ReportFixture;
  beforeAll(() => {
    f = values.fixture;
  });

  it('teams: activity credited to Suporte (Ana) and Vendas (Bruno)', async () => {
    const result = await rows('teams');
    expect(result).toEqual([
      {
        createdAt: '2026-03-01T09:00:00.000Z',
        teamId: f.teams.suporte,
        teamName: 'Suporte',
        // X resolved 14:40 after x3 (14:30); Y resolved 13:12 before any human reply
        resolvesWithReply: 1,
        resolvesWithoutReply: 1,
        // Suporte replied only in X: 1680
        avgFirstResponseTimeSeconds: 1680,
        // X 14:00 → 14:40 = 2400, Y 13:00 → 13:12 = 720: (2400 + 720) / 2 = 1560
        avgResolutionTimeSeconds: 1560,
        // Ana: X lock 960 (replied), Y lock 180 (resolved without reply)
        totalHandleTimeSeconds: 960,
        totalNoReplyTimeSeconds: 180,
        totalCherryPickingTimeSeconds: 0,
        // 960 over 1 conversation
        avgHandleTimeSeconds: 960,
        // x3 went to Carla
        contactsHelped: 1,
        // X (team Suporte) got a 5 at 15:00
        csatScore1Count: 0,
        csatScore2Count: 0,
        csatScore3Count: 0,
        csatScore4Count: 0,
        csatScore5Count: 1,
        // urgente on x1 by Ana
        tagsAdded: 1,
        // Entrega on X and on Y by Ana
        topicsAdded: 2,
        // x3 (x4 is private)
        replies: 1,
      },
      {
        createdAt: '2026-03-02T09:00:00.000Z',
        teamId: f.teams.vendas,
        teamName: 'Vendas',
        // Bruno moved Y to Pending, he resolved nothing; Z was resolved in bulk by nobody's team
        resolvesWithReply: 0,
        resolvesWithoutReply: 0,
        // Y 12000 and Z 900: (12000 + 900) / 2 = 6450
        avgFirstResponseTimeSeconds: 6450,
        avgResolutionTimeSeconds: null,
        // Bruno: Y 16:15–16:25 with y3 = 600; Y 13:05–13:07 without anything = 120
        totalHandleTimeSeconds: 600,
        totalNoReplyTimeSeconds: 0,
        totalCherryPickingTimeSeconds: 120,
        avgHandleTimeSeconds: 600,
        // y3 to Dan, z3 to Carla
        contactsHelped: 2,
        // Z (team Vendas) got a 2 at 18:30
        csatScore1Count: 0,
        csatScore2Count: 1,
        csatScore3Count: 0,
        csatScore4Count: 0,
        csatScore5Count: 0,
        // urgente on y2 (removed later, still added)
        tagsAdded: 1,
        // Cancelado on Y
        topicsAdded: 1,
        // y3 and z3
        replies: 2,
      },
    ]);
  });

  it('teams over one inbox or channel: only the activity in its conversations', async () => {
    const fields = [
      'teamName',
      'resolvesWithReply',
      'resolvesWithoutReply',
      'avgFirstResponseTimeSeconds',
      'avgResolutionTimeSeconds',
      'totalHandleTimeSeconds',
      'totalNoReplyTimeSeconds',
      'totalCherryPickingTimeSeconds',
      'avgHandleTimeSeconds',
      'contactsHelped',
      'csatScore2Count',
      'csatScore5Count',
      'tagsAdded',
      'topicsAdded',
      'replies',
    ];
    // Inbox W holds X and Z (and W, without activity): Y's resolution, lock, topic and tag drop out.
    expect(pick(await rows('teams', { ...SP_DAY, inboxIds: [f.inboxes.W] }), fields)).toEqual([
      {
        teamName: 'Suporte',
        // X only: resolved after x3; 14:00 → 14:40 = 2400
        resolvesWithReply: 1,
        resolvesWithoutReply: 0,
        avgFirstResponseTimeSeconds: 1680,
        avgResolutionTimeSeconds: 2400,
        // Ana's X lock 960; her Y lock (no reply, 180) is in inbox I
        totalHandleTimeSeconds: 960,
        totalNoReplyTimeSeconds: 0,
        totalCherryPickingTimeSeconds: 0,
        avgHandleTimeSeconds: 960,
        contactsHelped: 1,
        csatScore2Count: 0,
        csatScore5Count: 1,
        // urgente on x1; Entrega on X (not on Y)
        tagsAdded: 1,
        topicsAdded: 1,
        replies: 1,
      },
      {
        teamName: 'Vendas',
        resolvesWithReply: 0,
        resolvesWithoutReply: 0,
        // Z only: 900
        avgFirstResponseTimeSeconds: 900,
        avgResolutionTimeSeconds: null,
        // Bruno's locks are all on Y
        totalHandleTimeSeconds: 0,
        totalNoReplyTimeSeconds: 0,
        totalCherryPickingTimeSeconds: 0,
        avgHandleTimeSeconds: null,
        // z3 to Carla; Z got a 2
        contactsHelped: 1,
        csatScore2Count: 1,
        csatScore5Count: 0,
        tagsAdded: 0,
        topicsAdded: 0,
        replies: 1,
      },
    ]);
    // Instagram holds Y, V and U: Suporte sent no reply there, so it has no row.
    expect(pick(await rows('teams', { ...SP_DAY, channelTypes: ['INSTAGRAM'] }), fields)).toEqual([
      {
        teamName: 'Vendas',
        // Y's resolution (13:12) was Ana's, for Suporte
        resolvesWithReply: 0,
        resolvesWithoutReply: 0,
        // Y only: 12000
        avgFirstResponseTimeSeconds: 12000,
        avgResolutionTimeSeconds: null,
        // Bruno on Y: 600 with y3, 120 without anything
        totalHandleTimeSeconds: 600,
        totalNoReplyTimeSeconds: 0,
        totalCherryPickingTimeSeconds: 120,
        avgHandleTimeSeconds: 600,
        // y3 to Dan; no CSAT on Y, V or U
        contactsHelped: 1,
        csatScore2Count: 0,
        csatScore5Count: 0,
        // urgente on y2, Cancelado on Y
        tagsAdded: 1,
        topicsAdded: 1,
        // y3
        replies: 1,
      },
    ]);
  });
});
