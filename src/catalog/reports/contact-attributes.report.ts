import { contactIdentity } from '../columns/common';
import { attributeTypeEnum } from '../labels';
import { rangeBuckets } from '../sql/message-buckets';
import { ReportDefinition } from '../types';

export const contactAttributesReport: ReportDefinition = {
  key: 'contact_attributes',
  title: { en: 'Contact Attributes', ptBR: 'Atributos de contato' },
  description:
    'The attributes stored at export time (filled by agents or bots, or collected from a CRM) of every contact who sent at least one message within the range.',
  grain: 'One row per contact per stored attribute; contacts without attributes have no row.',
  dateRange: 'The contact inbound messages: contacts who sent at least one message within the range.',
  source: 'Sparkcentral data exports, 12th export (contact attributes).',
  filters: { teams: false, agents: false },
  rowKey: ['contactProfileId', 'attributeId'],
  // From the 15-minute rollup and the range's partial buckets (src/catalog/sql/message-buckets.ts).
  with: (p) => `${rangeBuckets(p)},
  writers AS (
    SELECT DISTINCT rb.contact_id
      FROM range_buckets rb
      JOIN inboxes i ON i.id = rb.inbox_id
     WHERE rb.incoming > 0 AND ${p.inboxMatches('i')}
  )`,
  from: () => `writers w
    JOIN contacts ct ON ct.id = w.contact_id
    JOIN contact_attributes ca ON ca.account_id = ct.account_id AND ca.contact_id = ct.id`,
  where: () => [],
  columns: [
    ...contactIdentity('ct'),
    {
      field: 'attributeId',
      header: { en: 'Attribute ID', ptBR: 'ID do atributo' },
      type: 'ID',
      description: 'The contact attribute unique identifier.',
      sql: 'ca.id',
    },
    {
      field: 'attributeName',
      header: { en: 'Attribute Name', ptBR: 'Nome do atributo' },
      type: 'String',
      description: 'The contact attribute name.',
      sql: 'ca.name',
    },
    {
      field: 'attributeValue',
      header: { en: 'Attribute Value', ptBR: 'Valor do atributo' },
      type: 'String',
      description: 'The value stored for the attribute.',
      sql: 'ca.value',
    },
    {
      field: 'attributeType',
      header: { en: 'Attribute Type', ptBR: 'Tipo de atributo' },
      type: 'String',
      description: 'DEFAULT (a platform field), CUSTOM (defined by the account) or MEDIUM (provided by the messaging platform).',
      sql: 'ca.type',
      enum: attributeTypeEnum,
    },
  ],
};
