import { ReportFixture } from '../fixture';
import { pick, reportValues } from './support';

describe('contact_attributes report values on the hand-built fixture', () => {
  const values = reportValues();
  const rows = values.rows;
  let f: ReportFixture;
  beforeAll(() => {
    f = values.fixture;
  });

  it('contact_attributes: the attributes of contacts who wrote that day', async () => {
    expect(
      pick(await rows('contact_attributes'), ['contactProfileId', 'attributeId', 'attributeName', 'attributeValue', 'attributeType']),
    ).toEqual([
      {
        contactProfileId: f.contacts.C1,
        attributeId: f.attributes.plano,
        attributeName: 'plano',
        attributeValue: 'ouro',
        attributeType: 'CUSTOM',
      },
      {
        contactProfileId: f.contacts.C1,
        attributeId: f.attributes.cidade,
        attributeName: 'cidade',
        attributeValue: 'São Paulo',
        attributeType: 'DEFAULT',
      },
      {
        contactProfileId: f.contacts.C2,
        attributeId: f.attributes.idade,
        attributeName: 'idade',
        attributeValue: '30',
        attributeType: 'DEFAULT',
      },
    ]);
    // Only w1 (an outbound template) on the 9th: nobody wrote, no rows.
    expect(await rows('contact_attributes', { from: '2026-03-09', to: '2026-03-10' })).toEqual([]);
  });
});
