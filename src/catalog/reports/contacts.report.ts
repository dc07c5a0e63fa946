import { contactIdentity } from '../columns/common';
import { rangeBuckets } from '../sql/message-buckets';
import { ReportDefinition } from '../types';

export const contactsReport: ReportDefinition = {
  key: 'contacts',
  title: { en: 'Contacts', ptBR: 'Contatos' },
  description:
    'Every contact with at least one message (either direction) within the range, with its conversation and message counts over the range.',
  grain: 'One row per contact profile (a profile belongs to one medium).',
  dateRange: 'The contact messages: contacts with at least one message created within the range; counts are over the range.',
  source: 'Sparkcentral data exports, 5th export (contacts).',
  filters: { teams: false, agents: false },
  rowKey: ['contactProfileId'],
  // From the 15-minute rollup and the range's partial buckets (src/catalog/sql/message-buckets.ts).
  with: (p) => `${rangeBuckets(p)},
  contact_activity AS (
    SELECT rb.contact_id,
           min(rb.first_message_at) AS first_message_at,
           count(DISTINCT rb.conversation_id) AS conversations,
           sum(rb.incoming) AS inbound,
           sum(rb.outgoing_public) AS outbound
      FROM range_buckets rb
      JOIN inboxes i ON i.id = rb.inbox_id
     WHERE rb.messages > 0 AND ${p.inboxMatches('i')}
     GROUP BY 1
  )`,
  from: () => `contact_activity x JOIN contacts ct ON ct.id = x.contact_id`,
  where: () => [],
  columns: [
    contactIdentity('ct')[0],
    {
      field: 'medium',
      header: { en: 'Medium', ptBR: 'Médio' },
      type: 'String',
      description: 'The social network or messaging platform of the contact profile.',
      sql: 'ct.medium',
    },
    ...contactIdentity('ct', {
      primary: { en: 'Primary Identifier', ptBR: 'Identificador primário' },
      secondary: { en: 'Secondary Identifier', ptBR: 'Identificador secundário' },
    }).slice(1),
    {
      field: 'createdAt',
      header: { en: 'Created at', ptBR: 'Criado em' },
      type: 'DateTime',
      description:
        'When the contact first message within the range was created (not when the contact was created, as the source defines it).',
      sql: 'x.first_message_at',
    },
    {
      field: 'conversationCount',
      header: { en: 'Number of Conversations', ptBR: 'Número de conversas' },
      type: 'Int',
      description: 'Number of distinct conversations with the contact that had a message within the range.',
      sql: 'x.conversations',
    },
    {
      field: 'inboundMessageCount',
      header: { en: 'Number of Inbound Messages', ptBR: 'Número de mensagens recebidas' },
      type: 'Int',
      description: 'Number of messages the contact sent within the range.',
      sql: 'x.inbound',
    },
    {
      field: 'outboundMessageCount',
      header: { en: 'Number of Outbound Messages', ptBR: 'Número de mensagens enviadas' },
      type: 'Int',
      description: 'Number of public messages sent to the contact within the range (private notes excluded).',
      sql: 'x.outbound',
    },
    {
      field: 'lastUpdatedAt',
      header: { en: 'Last Updated', ptBR: 'Última atualização' },
      type: 'DateTime',
      description: 'When the contact profile was last updated.',
      sql: 'ct.updated_at',
    },
  ],
};
