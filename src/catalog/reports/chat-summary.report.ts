import { chatAccountAndInbox, chatChannelType } from '../columns/common';
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
  with: (p) => `summary_messages AS (
    SELECT c.inbox_id, (m.created_at AT TIME ZONE ${p.timeZone})::date AS day,
           count(*) AS messages, count(DISTINCT c.contact_id) AS contacts
      FROM messages m
      JOIN conversations c ON c.account_id = m.account_id AND c.id = m.conversation_id
     WHERE m.created_at >= ${p.from} AND m.created_at < ${p.to} AND m.created_at <= ${p.asOf}
       AND m.message_type <> 'activity' AND NOT m.private AND m.deleted_at IS NULL
     GROUP BY 1, 2
  ),
  summary_conversations AS (
    SELECT c.inbox_id, (c.created_at AT TIME ZONE ${p.timeZone})::date AS day, count(*) AS conversations
      FROM conversations c
     WHERE c.created_at >= ${p.from} AND c.created_at < ${p.to} AND c.created_at <= ${p.asOf}
     GROUP BY 1, 2
  )`,
  from: () => `(summary_messages sm FULL JOIN summary_conversations sc USING (inbox_id, day)) d
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
