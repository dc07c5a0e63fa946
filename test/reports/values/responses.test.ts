import { ReportFixture } from '../fixture';
import { pick, reportValues } from './support';

describe('responses report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;
  let f: ReportFixture;
  beforeAll(() => {
    f = values.fixture;
  });

  it('responses: each human reply paired with what started its clock', async () => {
    expect(
      pick(await rows('responses'), [
        'outboundMessageId',
        'inboundMessageId',
        'initiatedBy',
        'handoverReason',
        'initiatedAt',
        'respondedAt',
        'agentResponseTimeSeconds',
        'responseAgentName',
      ]),
    ).toEqual([
      // x1 14:00, handover 14:02, x3 14:30: 1680 s from the handover
      {
        outboundMessageId: f.messages.x3,
        inboundMessageId: f.messages.x1,
        initiatedBy: 'VA_HANDED_OVER_CONVERSATION',
        handoverReason: 'Pedido de humano',
        initiatedAt: '2026-03-10T14:02:00.000Z',
        respondedAt: '2026-03-10T14:30:00.000Z',
        agentResponseTimeSeconds: 1680,
        responseAgentName: 'Ana',
      },
      // after the 13:12 resolution the next contact message is y2 16:00; y3 16:20: 1200 s
      {
        outboundMessageId: f.messages.y3,
        inboundMessageId: f.messages.y2,
        initiatedBy: 'INBOUND_MESSAGE',
        handoverReason: null,
        initiatedAt: '2026-03-10T16:00:00.000Z',
        respondedAt: '2026-03-10T16:20:00.000Z',
        agentResponseTimeSeconds: 1200,
        responseAgentName: 'Bruno',
      },
      // z2 12:30 → z3 12:45: 900 s
      {
        outboundMessageId: f.messages.z3,
        inboundMessageId: f.messages.z2,
        initiatedBy: 'INBOUND_MESSAGE',
        handoverReason: null,
        initiatedAt: '2026-03-10T12:30:00.000Z',
        respondedAt: '2026-03-10T12:45:00.000Z',
        agentResponseTimeSeconds: 900,
        responseAgentName: 'Bruno',
      },
    ]);
  });
});
