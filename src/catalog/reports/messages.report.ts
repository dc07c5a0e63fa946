import { channel, contactIdentity } from '../columns/common';
import { directionEnum, messageTypeEnum, originEnum, outboundTypeEnum, systemUserTypeEnum } from '../labels';
import { currentTags, labelIds, labelNames } from '../sql/applied-labels';
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
  p.counting ? messageInInboxes(p, 'm') : p.inboxMatches('i'),
  p.teamMatches('m.team_id'),
  p.agentMatches('m.sender_agent_id'),
];

export const messagesReport: ReportDefinition = {
  key: 'messages',
  title: { en: 'Messages', ptBR: 'Mensagens' },
  description:
    'Every message created within the range, one row each, with its conversation, channel, contact, sending agent and team, ' +
    'tags and content as they are at export time. Deleted messages are included with their deletion time.',
  grain: 'One row per message.',
  dateRange: 'The message creation time.',
  source: 'Sparkcentral data exports, 3rd export ("mensagens exclusivas … criadas dentro do intervalo").',
  filters: { teams: true, agents: true },
  rowKey: ['messageId'],
  from: (p) => `messages m
    JOIN conversations c ON c.account_id = m.account_id AND c.id = m.conversation_id
    JOIN inboxes i ON i.account_id = c.account_id AND i.id = c.inbox_id
    JOIN contacts ct ON ct.account_id = c.account_id AND ct.id = c.contact_id
    LEFT JOIN agents ag ON ag.account_id = m.account_id AND ag.id = m.sender_agent_id
    LEFT JOIN teams tm ON tm.account_id = m.account_id AND tm.id = m.team_id
    ${currentTags('m', 'tg', p)}`,
  where: (p) => [
    `m.created_at >= ${p.from}`,
    `m.created_at < ${p.to}`,
    `m.created_at <= ${p.asOf}`,
    ...kept(p),
    ...idFloor('messages', 'm.id', p),
  ],
  // The range's whole buckets from the rollup, its edges from the messages (src/catalog/sql/message-counts.ts).
  count: (p) => rangeMessageCount(p, 'messages', kept(p)),
  columns: [
    {
      field: 'messageId',
      header: { en: 'Message ID', ptBR: 'ID da mensagem' },
      type: 'ID',
      description: 'The message unique identifier.',
      sql: 'm.id',
    },
    {
      field: 'createdAt',
      header: { en: 'Created at', ptBR: 'Criado em' },
      type: 'DateTime',
      description: 'When the message was created.',
      sql: 'm.created_at',
    },
    {
      field: 'conversationId',
      header: { en: 'Conversation ID', ptBR: 'ID da conversa' },
      type: 'ID',
      description: 'The identifier of the message conversation.',
      sql: 'c.id',
    },
    ...channel('i', 'the message was sent'),
    ...contactIdentity('ct', {
      primary: { en: 'Contact Primary Identifier', ptBR: 'Identificador primário do contato' },
      secondary: { en: 'Contact Secondary Identifier', ptBR: 'Identificador secundário do contato' },
    }),
    {
      field: 'messageType',
      header: { en: 'Message Type', ptBR: 'Tipo de mensagem' },
      type: 'String',
      description: 'The kind of content: text, image, audio, video, file, location or template.',
      sql: 'm.message_type',
      enum: messageTypeEnum,
    },
    {
      field: 'origin',
      header: { en: 'Origin', ptBR: 'Origem' },
      type: 'String',
      description:
        'Who or what sent the message: the contact, a human agent, a virtual agent, an auto-responder, an automation, the API or the system.',
      sql: 'm.origin',
      enum: originEnum,
    },
    {
      field: 'outboundMessageType',
      header: { en: 'Outbound Message Type', ptBR: 'Tipo de mensagem de saída' },
      type: 'String',
      description:
        'For outbound messages, what kind of send it was: a reply, a proactive message, a template or an auto-reply; empty for inbound messages.',
      sql: 'm.outbound_type',
      enum: outboundTypeEnum,
    },
    {
      field: 'direction',
      header: { en: 'Direction', ptBR: 'Direção' },
      type: 'String',
      description: 'INCOMING (from the contact) or OUTGOING (to the contact).',
      sql: 'm.direction',
      enum: directionEnum,
    },
    {
      field: 'agentId',
      header: { en: 'Agent ID', ptBR: 'ID do agente' },
      type: 'ID',
      description: 'Unique identifier of the agent (human or virtual) who sent the message; empty for contact and system messages.',
      sql: 'ag.id',
    },
    {
      field: 'agentName',
      header: { en: 'Agent Name', ptBR: 'Nome do agente' },
      type: 'String',
      description: 'Name of the agent who sent the message.',
      sql: 'ag.name',
    },
    {
      field: 'agentReference',
      header: { en: 'Agent Reference', ptBR: 'Referência do agente' },
      type: 'String',
      description: 'Internal reference (e.g. employee number) of the agent who sent the message.',
      sql: 'ag.reference',
    },
    {
      field: 'teamId',
      header: { en: 'Team ID', ptBR: 'ID da equipe' },
      type: 'ID',
      description: 'Unique identifier of the team the sending agent sent the message for.',
      sql: 'tm.id',
    },
    {
      field: 'teamName',
      header: { en: 'Team Name', ptBR: 'Nome da equipe' },
      type: 'String',
      description: 'Name of the team the sending agent sent the message for.',
      sql: 'tm.name',
    },
    {
      field: 'tagIds',
      header: { en: 'Tag IDs', ptBR: 'IDs de tag' },
      type: 'StringList',
      description: 'Identifiers of the tags applied to the message at export time, in tag-name order.',
      sql: labelIds('tg'),
    },
    {
      field: 'tagNames',
      header: { en: 'Tag Names', ptBR: 'Nomes das tags' },
      type: 'StringList',
      description: 'Names of the tags applied to the message at export time, in name order.',
      sql: labelNames('tg'),
    },
    {
      field: 'content',
      header: { en: 'Content', ptBR: 'Conteúdo' },
      type: 'String',
      description:
        'The message text, for every medium (Sparkcentral limits it to Twitter in on-demand exports; this API does not). Private notes included.',
      sql: 'm.content',
    },
    {
      field: 'conversationUrl',
      header: { en: 'Conversation URL', ptBR: 'URL da conversa' },
      type: 'String',
      description: 'The URL of the message conversation in the agent console.',
      sql: 'c.url',
    },
    {
      field: 'postUrl',
      header: { en: 'Post URL', ptBR: 'URL da postagem' },
      type: 'String',
      description: 'The URL of the original post or message on the social network or messaging platform.',
      sql: 'm.post_url',
    },
    {
      field: 'lastUpdatedAt',
      header: { en: 'Last Updated', ptBR: 'Última atualização' },
      type: 'DateTime',
      description: 'When the message last changed: its creation, latest edit, delivery receipt or deletion.',
      sql: 'm.updated_at',
    },
    {
      field: 'deletedAt',
      header: { en: 'Deleted at', ptBR: 'Excluído em' },
      type: 'DateTime',
      description: 'When the message was deleted; empty if it was not.',
      sql: 'm.deleted_at',
    },
    {
      field: 'systemUserType',
      header: { en: 'System User Type', ptBR: 'Tipo de usuário do sistema' },
      type: 'String',
      description:
        'For messages sent by the platform rather than a person: virtual agent, auto-responder, automation or system; empty for contact and human-agent messages.',
      sql: 'm.system_user_type',
      enum: systemUserTypeEnum,
    },
  ],
};
