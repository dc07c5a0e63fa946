import { ReportFixture } from '../fixture';
import { SP_DAY, pick, reportValues } from './support';

describe('agent_presence report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;
  let f: ReportFixture;
  beforeAll(() => {
    f = values.fixture;
  });

  it('agent_presence: whole intervals that overlap the day', async () => {
    const result = await rows('agent_presence');
    // Ana's interval on the 9th ends before 03:00Z on the 10th; Bruno's away 01:00–12:00 overlaps the start.
    expect(pick(result, ['userName', 'presenceType', 'awayState', 'startedAt', 'endedAt', 'durationSeconds'])).toEqual([
      {
        userName: 'Ana',
        presenceType: 'AVAILABLE',
        awayState: null,
        startedAt: '2026-03-10T11:00:00.000Z',
        endedAt: '2026-03-10T15:00:00.000Z',
        durationSeconds: 14400,
      },
      {
        userName: 'Ana',
        presenceType: 'AWAY',
        awayState: 'Almoço',
        startedAt: '2026-03-10T15:00:00.000Z',
        endedAt: '2026-03-10T16:00:00.000Z',
        durationSeconds: 3600,
      },
      {
        userName: 'Ana',
        presenceType: 'AVAILABLE',
        awayState: null,
        startedAt: '2026-03-10T16:00:00.000Z',
        endedAt: '2026-03-10T20:00:00.000Z',
        durationSeconds: 14400,
      },
      // 01:00 → 12:00 = 11 h = 39600 s, not clipped
      {
        userName: 'Bruno',
        presenceType: 'AWAY',
        awayState: 'Reunião',
        startedAt: '2026-03-10T01:00:00.000Z',
        endedAt: '2026-03-10T12:00:00.000Z',
        durationSeconds: 39600,
      },
      {
        userName: 'Bruno',
        presenceType: 'AVAILABLE',
        awayState: null,
        startedAt: '2026-03-10T12:00:00.000Z',
        endedAt: '2026-03-10T17:00:00.000Z',
        durationSeconds: 18000,
      },
    ]);
    expect(await rows('agent_presence', { ...SP_DAY, inboxIds: [f.inboxes.I] })).toHaveLength(3);
  });
});
