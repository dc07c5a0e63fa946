import { chatAccountAndInbox, chatChannelType } from '../columns/common';
import { rangeBuckets } from '../sql/message-buckets';
import { ReportDefinition } from '../types';

export const chatConversationsByHourReport: ReportDefinition = {
  key: 'chat_conversations_by_hour',
  title: { en: 'Conversations by hour', ptBR: 'Conversas x Hora' },
  description:
    'The flow of conversations per inbox in one-hour intervals: conversations active in each hour, messages received and messages sent.',
  grain: 'One row per inbox per date per hour of the day (in the filter time zone); hours without messages have no row.',
  dateRange: 'The hour interval: messages created within the range, bucketed into hours of the filter time zone.',
  source: 'Chat module help article, "Conversas x Hora" (Relatório Conversas x Hora).',
  filters: { teams: false, agents: false },
  rowKey: ['conversationDate', 'conversationHour', 'inboxId'],
  // From the 15-minute rollup and the range's partial buckets (src/catalog/sql/message-buckets.ts).
  with: (p) => `${rangeBuckets(p)},
  hourly AS (
    SELECT rb.inbox_id,
           rb.local::date AS day,
           extract(hour FROM rb.local)::int AS hour,
           count(DISTINCT rb.conversation_id) AS conversations,
           sum(rb.public_incoming) AS incoming,
           sum(rb.public_outgoing) AS outgoing
      FROM range_buckets rb
     WHERE rb.public_messages > 0
     GROUP BY 1, 2, 3
  )`,
  from: () => `hourly h
    JOIN inboxes i ON i.id = h.inbox_id
    JOIN accounts a ON a.id = i.account_id`,
  where: (p) => [p.inboxMatches('i')],
  columns: [
    ...chatAccountAndInbox('a', 'i'),
    chatChannelType('i'),
    {
      field: 'conversationDate',
      header: { en: 'CONVERSATION_DATE', ptBR: 'CONVERSATION_DATE' },
      type: 'Date',
      description: 'The date of the hour interval, in the filter time zone.',
      sql: 'h.day',
    },
    {
      field: 'conversationHour',
      header: { en: 'CONVERSATION_HOUR', ptBR: 'CONVERSATION_HOUR' },
      type: 'Int',
      description: 'The hour interval, 0–23, in the filter time zone: 13 means from 13:00 to 14:00.',
      sql: 'h.hour',
    },
    {
      field: 'totalConversations',
      header: { en: 'TOTAL_CONVERSATIONS', ptBR: 'TOTAL_CONVERSATIONS' },
      type: 'Int',
      description:
        'Number of conversations with at least one public message (either direction) in the hour interval (private notes, activity and deleted messages excluded).',
      sql: 'h.conversations',
    },
    {
      field: 'totalIncomingMessages',
      header: { en: 'TOTAL_CONVERSATIONS_INCOMING', ptBR: 'TOTAL_CONVERSATIONS_INCOMING' },
      type: 'Int',
      description:
        'Number of messages received from contacts in the hour interval (the header says conversations; the source defines it as messages received). Deleted messages are excluded.',
      sql: 'h.incoming',
    },
    {
      field: 'totalOutgoingMessages',
      header: { en: 'TOTAL_CONVERSATIONS_OUTGOING', ptBR: 'TOTAL_CONVERSATIONS_OUTGOING' },
      type: 'Int',
      description:
        'Number of public messages sent to contacts in the hour interval, by agents, virtual agents and automations (private notes, activity and deleted messages excluded).',
      sql: 'h.outgoing',
    },
    {
      field: 'server',
      header: { en: 'SERVER', ptBR: 'SERVER' },
      type: 'String',
      description: 'The platform server (instance) that hosts the inbox.',
      sql: 'i.server',
    },
  ],
};
