import { ReportFixture } from '../fixture';
import { reportValues } from './support';

describe('contacts report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;
  let f: ReportFixture;
  beforeAll(() => {
    f = values.fixture;
  });

  it('contacts: counts over the day per contact', async () => {
    expect(await rows('contacts')).toEqual([
      {
        contactProfileId: f.contacts.C1,
        medium: 'WhatsApp',
        contactPrimaryIdentifier: '+5511988887777',
        contactSecondaryIdentifier: 'Carla',
        // z1 at 12:00 is Carla's first message of the day
        createdAt: '2026-03-10T12:00:00.000Z',
        // X and Z
        conversationCount: 2,
        // x1, z2
        inboundMessageCount: 2,
        // x2, x3, z1, z3 (x4 private)
        outboundMessageCount: 4,
        lastUpdatedAt: '2026-03-05T08:00:00.000Z',
      },
      {
        contactProfileId: f.contacts.C2,
        medium: 'Instagram',
        contactPrimaryIdentifier: '@dan',
        contactSecondaryIdentifier: 'Dan',
        createdAt: '2026-03-10T13:00:00.000Z',
        // Y, V, U
        conversationCount: 3,
        // y1, y2, y4, v1, u1
        inboundMessageCount: 5,
        // y3, v2, u2
        outboundMessageCount: 3,
        lastUpdatedAt: '2026-03-06T08:00:00.000Z',
      },
    ]);
  });
});
