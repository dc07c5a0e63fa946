import { ReportFixture } from '../fixture';
import { reportValues } from './support';

describe('agent_metrics report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;
  let f: ReportFixture;
  beforeAll(() => {
    f = values.fixture;
  });

  it('agent_metrics: presence clipped to the day, activity credited to the agent', async () => {
    expect(await rows('agent_metrics')).toEqual([
      {
        userId: f.agents.ana,
        userName: 'Ana',
        userEmail: 'ana@fixture.test',
        userReference: 'E-1',
        // 11–15 and 16–20 = 8 h = 28800 s; away 15–16 = 3600 s
        availableTimeSeconds: 28800,
        awayTimeSeconds: 3600,
        contactsHelped: 1,
        avgHandleTimeSeconds: 960,
        totalHandleTimeSeconds: 960,
        totalNoReplyTimeSeconds: 180,
        totalCherryPickingTimeSeconds: 0,
        replies: 1,
        resolvesWithReply: 1,
        resolvesWithoutReply: 1,
        tagsAdded: 1,
        topicsAdded: 2,
        // 960 / 28800 × 100 = 3.333… → 3.33
        utilizationPercent: 3.33,
        csatScore1Count: 0,
        csatScore2Count: 0,
        csatScore3Count: 0,
        csatScore4Count: 0,
        // X, resolved by Ana, scored 5
        csatScore5Count: 1,
      },
      {
        userId: f.agents.bruno,
        userName: 'Bruno',
        userEmail: 'bruno@fixture.test',
        userReference: 'E-2',
        // 12–17 = 18000 s; away 01–12 clipped to 03–12 = 9 h = 32400 s
        availableTimeSeconds: 18000,
        awayTimeSeconds: 32400,
        contactsHelped: 2,
        avgHandleTimeSeconds: 600,
        totalHandleTimeSeconds: 600,
        totalNoReplyTimeSeconds: 0,
        totalCherryPickingTimeSeconds: 120,
        replies: 2,
        resolvesWithReply: 0,
        resolvesWithoutReply: 0,
        tagsAdded: 1,
        topicsAdded: 1,
        // 600 / 18000 × 100 = 3.333… → 3.33
        utilizationPercent: 3.33,
        // Z's 2 went to nobody: a bulk action resolved it
        csatScore1Count: 0,
        csatScore2Count: 0,
        csatScore3Count: 0,
        csatScore4Count: 0,
        csatScore5Count: 0,
      },
    ]);
  });
});
