import { channel } from '../columns/common';
import { stillApplied } from '../sql/applied-labels';
import { ReportDefinition } from '../types';

export const topicsReport: ReportDefinition = {
  key: 'topics',
  title: { en: 'Topics', ptBR: 'Tópicos' },
  description:
    'Every topic applied at least once within the range, per channel of the conversations it was applied to, with how many of those conversations still carry it.',
  grain: 'One row per topic per channel (inbox) on whose conversations it was applied within the range.',
  dateRange: 'The topic applications: topics applied to a conversation within the range (even if removed later).',
  source: 'Sparkcentral data exports, 6th export (topics).',
  filters: { teams: false, agents: true },
  rowKey: ['topicId', 'inbox'],
  keys: { inbox: 'i.id' },
  from: (p) => `conversation_topics ct
    JOIN topics t ON t.account_id = ct.account_id AND t.id = ct.topic_id
    JOIN conversations c ON c.account_id = ct.account_id AND c.id = ct.conversation_id
    JOIN inboxes i ON i.account_id = c.account_id AND i.id = c.inbox_id
    ${stillApplied('topics', 'ct', 'now_applied', p)}`,
  where: (p) => [
    `ct.applied_at >= ${p.from}`,
    `ct.applied_at < ${p.to}`,
    `ct.applied_at <= ${p.asOf}`,
    p.inboxMatches('i'),
    p.agentMatches('ct.applied_by_agent_id'),
  ],
  groupBy: ['t.id', 't.name', 't.active', 'i.id', 'i.medium', 'i.name', 'i.display_name'],
  columns: [
    {
      field: 'topicId',
      header: { en: 'Topic ID', ptBR: 'ID do tópico' },
      type: 'ID',
      description: 'The topic unique identifier.',
      sql: 't.id',
    },
    {
      field: 'topicName',
      header: { en: 'Topic Name', ptBR: 'Nome do tópico' },
      type: 'String',
      description: 'The topic name.',
      sql: 't.name',
    },
    {
      field: 'active',
      header: { en: 'Active', ptBR: 'Ativo' },
      type: 'Boolean',
      description: 'Whether the topic still exists in the account topic list (false once deleted there).',
      sql: 't.active',
    },
    {
      field: 'totalConversations',
      header: { en: 'Total Conversations', ptBR: 'Total de conversas' },
      type: 'Int',
      description:
        'Number of distinct conversations on the channel the topic was applied to within the range, including those it was removed from later.',
      sql: 'count(DISTINCT ct.conversation_id)',
    },
    {
      field: 'currentTotalConversations',
      header: { en: 'Total Current Conversations', ptBR: 'Total de conversas atuais' },
      type: 'Int',
      description: 'Of those conversations, the number that carry the topic at export time.',
      sql: 'count(DISTINCT ct.conversation_id) FILTER (WHERE now_applied.id IS NOT NULL)',
    },
    ...channel('i', 'the conversations the topic was applied to took place'),
  ],
};
