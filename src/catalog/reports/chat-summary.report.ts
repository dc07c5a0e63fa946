import { chatAccountAndInbox, chatChannelType } from '../columns/common';
import { rangeBuckets } from '../sql/message-buckets';
import { ReportDefinition } from '../types';

export const chatSummaryReport: ReportDefinition = {
  key: 'chat_summary',
  title: { en: 'Summary', ptBR: 'Resumo' },
  description:
    'A quantitative view per inbox and day: how many contacts wrote or were written to, how many conversations started and how many messages were exchanged.',
  grain: 'One row per inbox per day (in the filter time zone); days without conversations or messages have no row.',
  dateRange: 'The day: messages and conversations created within the range, bucketed into days of the filter time zone.',
  source: 'Chat module help article, "Resumo" (Relatório Resumo).',
  filters: { teams: false, agents: false },
  rowKey: ['date', 'inboxId'],
  // From the 15-minute rollup and the range's partial buckets (src/catalog/sql/message-buckets.ts).
  with: (p) => `${rangeBuckets(p)},
  summary AS (
    SELECT rb.inbox_id, rb.local::date AS day,
           sum(rb.public_messages) AS messages,
           count(DISTINCT rb.contact_id) FILTER (WHERE rb.public_messages > 0) AS contacts,
           sum(rb.created) AS conversations
      FROM range_buckets rb
     GROUP BY 1, 2
    HAVING sum(rb.public_messages) > 0 OR sum(rb.created) > 0
  )`,
  from: () => `summary d
    JOIN inboxes i ON i.id = d.inbox_id
    JOIN accounts a ON a.id = i.account_id`,
  where: (p) => [p.inboxMatches('i')],
  columns: [
    {
      field: 'date',
      header: { en: 'DATE', ptBR: 'DATE' },
      type: 'Date',
      description: 'The day the counts refer to, in the filter time zone (written yyyy/mm/dd in CSV files, as the source prescribes).',
      sql: 'd.day',
      csvDatePattern: 'YYYY/MM/DD',
    },
    ...chatAccountAndInbox('a', 'i'),
    chatChannelType('i'),
    {
      field: 'totalContacts',
      header: { en: 'QTY_CONTACTS', ptBR: 'QTY_CONTACTS' },
      type: 'Int',
      description:
        'Number of distinct contacts of the conversations that had at least one public message (either direction) in the inbox that day.',
      sql: 'coalesce(d.contacts, 0)',
    },
    {
      field: 'totalConversations',
      header: { en: 'QTY_CONVERSATIONS', ptBR: 'QTY_CONVERSATIONS' },
      type: 'Int',
      description: 'Number of conversations created in the inbox that day.',
      sql: 'coalesce(d.conversations, 0)',
    },
    {
      field: 'totalMessages',
      header: { en: 'QTY_MESSAGES', ptBR: 'QTY_MESSAGES' },
      type: 'Int',
      description:
        'Number of public messages, received and sent, created in the inbox that day (private notes, activity and deleted messages excluded).',
      sql: 'coalesce(d.messages, 0)',
    },
  ],
};
