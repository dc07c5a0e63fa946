import { channel } from '../columns/common';
import { stillApplied } from '../sql/applied-labels';
import { ReportDefinition } from '../types';

export const tagsReport: ReportDefinition = {
  key: 'tags',
  title: { en: 'Tags', ptBR: 'Tags' },
  description:
    'Every tag applied at least once within the range, per channel of the messages it was applied to, with how many of those messages still carry it.',
  grain: 'One row per tag per channel (inbox) on whose messages it was applied within the range.',
  dateRange: 'The tag applications: tags applied to a message within the range (even if removed later).',
  source: 'Sparkcentral data exports, 7th export (tags).',
  filters: { teams: false, agents: true },
  rowKey: ['tagId', 'inbox'],
  keys: { inbox: 'i.id' },
  from: (p) => `message_tags mt
    JOIN tags t ON t.account_id = mt.account_id AND t.id = mt.tag_id
    JOIN messages m ON m.account_id = mt.account_id AND m.id = mt.message_id
    JOIN conversations c ON c.account_id = m.account_id AND c.id = m.conversation_id
    JOIN inboxes i ON i.account_id = c.account_id AND i.id = c.inbox_id
    ${stillApplied('tags', 'mt', 'now_applied', p)}`,
  where: (p) => [
    `mt.applied_at >= ${p.from}`,
    `mt.applied_at < ${p.to}`,
    `mt.applied_at <= ${p.asOf}`,
    p.inboxMatches('i'),
    p.agentMatches('mt.applied_by_agent_id'),
  ],
  groupBy: ['t.id', 't.name', 't.active', 'i.id', 'i.medium', 'i.name', 'i.display_name'],
  columns: [
    {
      field: 'tagId',
      header: { en: 'Tag ID', ptBR: 'ID da etiqueta' },
      type: 'ID',
      description: 'The tag unique identifier.',
      sql: 't.id',
    },
    { field: 'tagName', header: { en: 'Tag Name', ptBR: 'Nome da etiqueta' }, type: 'String', description: 'The tag name.', sql: 't.name' },
    {
      field: 'active',
      header: { en: 'Active', ptBR: 'Ativo' },
      type: 'Boolean',
      description: 'Whether the tag still exists in the account tag list (false once deleted there).',
      sql: 't.active',
    },
    {
      field: 'totalContacts',
      header: { en: 'Total Contacts', ptBR: 'Total de contatos' },
      type: 'Int',
      description: 'Number of distinct contacts of the conversations whose messages on the channel got the tag within the range.',
      sql: 'count(DISTINCT c.contact_id)',
    },
    {
      field: 'totalMessages',
      header: { en: 'Total Messages', ptBR: 'Total de mensagens' },
      type: 'Int',
      description:
        'Number of distinct messages on the channel the tag was applied to within the range, including those it was removed from later.',
      sql: 'count(DISTINCT mt.message_id)',
    },
    {
      field: 'currentTotalMessages',
      header: { en: 'Total Current Messages', ptBR: 'Total de mensagens atuais' },
      type: 'Int',
      description: 'Of those messages, the number that carry the tag at export time.',
      sql: 'count(DISTINCT mt.message_id) FILTER (WHERE now_applied.id IS NOT NULL)',
    },
    ...channel('i', 'the tagged messages were sent'),
  ],
};
