import { ReportFixture } from '../fixture';
import { pick, reportValues } from './support';

describe('conversations_open report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;
  let f: ReportFixture;
  beforeAll(() => {
    f = values.fixture;
  });

  it('conversations_open: every New, Open or Pending conversation, whatever the range', async () => {
    const result = await rows('conversations_open', { from: '2025-01-01', to: '2025-01-02' });
    // Y pending, W open, V new.
    expect(
      pick(result, [
        'conversationId',
        'currentStatus',
        'inboundMessageCount',
        'outboundMessageCount',
        'firstResponseTimeSeconds',
        'resolvedAt',
        'resolutionTimeSeconds',
      ]),
    ).toEqual([
      // previous resolution 13:12: 13:00 → 13:12 = 720 s
      {
        conversationId: f.conversations.Y,
        currentStatus: 'PENDING',
        inboundMessageCount: 3,
        outboundMessageCount: 1,
        firstResponseTimeSeconds: 12000,
        resolvedAt: '2026-03-10T13:12:00.000Z',
        resolutionTimeSeconds: 720,
      },
      // only the failed template w1
      {
        conversationId: f.conversations.W,
        currentStatus: 'OPEN',
        inboundMessageCount: 0,
        outboundMessageCount: 1,
        firstResponseTimeSeconds: null,
        resolvedAt: null,
        resolutionTimeSeconds: null,
      },
      // v1 in, v2 (bot) out; handed over at 19:02 but no human reply yet
      {
        conversationId: f.conversations.V,
        currentStatus: 'NEW',
        inboundMessageCount: 1,
        outboundMessageCount: 1,
        firstResponseTimeSeconds: null,
        resolvedAt: null,
        resolutionTimeSeconds: null,
      },
    ]);
  });
});
