import { chatAccountAndInbox, chatChannelType } from '../columns/common';
import { sentReceivedEnum } from '../labels';
import { ReportDefinition, ReportParams } from '../types';
import { idFloor } from '../sql/id-floors';
import { rangeMessageCount } from '../sql/message-counts';
import { messageInInboxes } from '../sql/message-inboxes';

/**
 * Which messages `m` of a time are the report's; a count's edges read them alone (every join yields one row
 * per message by its foreign keys).
 */
const kept = (p: ReportParams): string[] => [
  `m.message_type <> 'activity'`,
  'm.deleted_at IS NULL',
  p.counting ? messageInInboxes(p, 'm') : p.inboxMatches('i'),
];

export const chatConversationsReport: ReportDefinition = {
  key: 'chat_conversations',
  title: { en: 'Conversations', ptBR: 'Conversas' },
  description:
    'Every message of the chat module created within the range, one row each, with its account, inbox, contact and ' +
    'conversation repeated on every row. Private notes are included and flagged; activity (system) messages and deleted messages are not rows.',
  grain: 'One row per message.',
  dateRange: 'The message creation time (MESSAGE_CREATED_AT).',
  source: 'Chat module help article, "Exportar conversas" (Relatório Conversas).',
  filters: { teams: false, agents: false },
  rowKey: ['messageId'],
  from: () => `messages m
    JOIN conversations c ON c.account_id = m.account_id AND c.id = m.conversation_id
    JOIN inboxes i ON i.account_id = c.account_id AND i.id = c.inbox_id
    JOIN contacts ct ON ct.account_id = c.account_id AND ct.id = c.contact_id
    JOIN accounts a ON a.id = m.account_id`,
  where: (p) => [
    `m.created_at >= ${p.from}`,
    `m.created_at < ${p.to}`,
    `m.created_at <= ${p.asOf}`,
    ...kept(p),
    ...idFloor('messages', 'm.id', p),
  ],
  // The range's whole buckets from the rollup, its edges from the messages (src/catalog/sql/message-counts.ts).
  count: (p) => rangeMessageCount(p, 'undeleted', kept(p)),
  columns: [
    ...chatAccountAndInbox('a', 'i'),
    {
      field: 'contactName',
      header: { en: 'CONTACT_NAME', ptBR: 'CONTACT_NAME' },
      type: 'String',
      description: 'The contact name.',
      sql: 'ct.name',
    },
    {
      field: 'contactEmail',
      header: { en: 'CONTACT_EMAIL', ptBR: 'CONTACT_EMAIL' },
      type: 'String',
      description: 'The contact e-mail address.',
      sql: 'ct.email',
    },
    {
      field: 'contactPhoneNumber',
      header: { en: 'CONTACT_PHONE_NUMBER', ptBR: 'CONTACT_PHONE_NUMBER' },
      type: 'String',
      description: 'The contact phone number.',
      sql: 'ct.phone_number',
    },
    chatChannelType('i'),
    {
      field: 'conversationId',
      header: { en: 'CONVERSATION_ID', ptBR: 'CONVERSATION_ID' },
      type: 'ID',
      description: 'The conversation internal code (the same id as CONVERSATION_ID of the engagement report).',
      sql: 'c.id',
    },
    {
      field: 'conversationCreatedAt',
      header: { en: 'CONVERSATION_CREATED_AT', ptBR: 'CONVERSATION_CREATED_AT' },
      type: 'DateTime',
      description: 'When the conversation was created.',
      sql: 'c.created_at',
    },
    {
      field: 'messageCreatedAt',
      header: { en: 'MESSAGE_CREATED_AT', ptBR: 'MESSAGE_CREATED_AT' },
      type: 'DateTime',
      description:
        'When this row message was created (the source calls it "date of the last message sent"; with one row per message it is the row message).',
      sql: 'm.created_at',
    },
    {
      field: 'messageId',
      header: { en: 'MESSAGE_ID', ptBR: 'MESSAGE_ID' },
      type: 'ID',
      description: 'The message identifier.',
      sql: 'm.id',
    },
    {
      field: 'messageType',
      header: { en: 'MESSAGE_TYPE', ptBR: 'MESSAGE_TYPE' },
      type: 'String',
      description:
        'Whether the account received the message from the contact (INCOMING, "Recebido") or sent it (OUTGOING, "Enviado"; templates included).',
      sql: 'm.direction',
      enum: sentReceivedEnum,
    },
    {
      field: 'messagePrivate',
      header: { en: 'MESSAGE_PRIVATE', ptBR: 'MESSAGE_PRIVATE' },
      type: 'Boolean',
      description: 'Whether the message is an internal support note, not shown to the contact (1 = note, 0 = public message).',
      sql: 'm.private',
    },
    {
      field: 'messageContent',
      header: { en: 'MESSAGE_CONTENT', ptBR: 'MESSAGE_CONTENT' },
      type: 'String',
      description: 'The message content.',
      sql: 'm.content',
    },
  ],
};
