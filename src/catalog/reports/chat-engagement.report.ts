import { chatAccountAndInbox } from '../columns/common';
import { channelOfficialStatusEnum } from '../labels';
import { ReportDefinition } from '../types';
import { idFloor } from '../sql/id-floors';

export const chatEngagementReport: ReportDefinition = {
  key: 'chat_engagement',
  title: { en: 'Engagement', ptBR: 'Engajamento' },
  description:
    'Initial outbound dispatches (WhatsApp templates) requested within the range and what became of them: sent, delivered, read, failed, and whether the customer replied.',
  grain: 'One row per initial dispatch (each opens a conversation with the contact).',
  dateRange: 'When the dispatch was requested (DT_SOLICITADO_ENVIO).',
  source: 'Chat module help article, "Engajamento" (Relatório Engajamento).',
  filters: { teams: false, agents: true },
  rowKey: ['dispatch'],
  keys: { dispatch: 'd.id' },
  from: (p) => `dispatches d
    JOIN inboxes i ON i.account_id = d.account_id AND i.id = d.inbox_id
    JOIN accounts a ON a.id = d.account_id
    LEFT JOIN conversations c ON c.account_id = d.account_id AND c.id = d.conversation_id
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE m.message_type <> 'activity') AS messages,
             bool_or(m.direction = 'incoming' AND m.created_at >= d.requested_at) AS replied
        FROM messages m
       WHERE m.account_id = d.account_id AND m.conversation_id = d.conversation_id AND m.created_at <= ${p.asOf}
    ) dm ON true`,
  where: (p) => [
    `d.requested_at >= ${p.from}`,
    `d.requested_at < ${p.to}`,
    `d.requested_at <= ${p.asOf}`,
    p.inboxMatches('i'),
    p.agentMatches('d.requested_by_agent_id'),
    ...idFloor('dispatches', 'd.id', p),
  ],
  columns: [
    ...chatAccountAndInbox('a', 'i'),
    {
      field: 'conversationId',
      header: { en: 'CONVERSATION_ID', ptBR: 'CONVERSATION_ID' },
      type: 'ID',
      description: 'The internal code of the conversation the dispatch opened.',
      sql: 'c.id',
    },
    {
      field: 'conversationDisplayId',
      header: { en: 'CONVERSATION_DISPLAY_ID', ptBR: 'CONVERSATION_DISPLAY_ID' },
      type: 'ID',
      description: 'The conversation number as the platform shows it (per account).',
      sql: 'c.display_id',
    },
    {
      field: 'requestedSendAt',
      header: { en: 'DT_SOLICITADO_ENVIO', ptBR: 'DT_SOLICITADO_ENVIO' },
      type: 'DateTime',
      description: 'Date and time the send was requested.',
      sql: 'd.requested_at',
    },
    {
      field: 'channelOfficialStatus',
      header: { en: 'CANAL', ptBR: 'CANAL' },
      type: 'String',
      description: 'Whether the sending channel is official (e.g. the WhatsApp Business Platform) or an unofficial connection.',
      sql: `CASE WHEN i.official THEN 'official' ELSE 'unofficial' END`,
      enum: channelOfficialStatusEnum,
    },
    {
      field: 'provider',
      header: { en: 'FORNECEDOR', ptBR: 'FORNECEDOR' },
      type: 'String',
      description: 'The name of the dispatch provider of the channel.',
      sql: 'i.provider',
    },
    {
      field: 'templateName',
      header: { en: 'NOME_TEMPLATE', ptBR: 'NOME_TEMPLATE' },
      type: 'String',
      description: 'The name of the template (the "shortcut" the agent picked) used for the dispatch.',
      sql: 'd.template_name',
    },
    {
      field: 'initialMessageContent',
      header: { en: 'CONTEUDO_DISPARO_INICIAL', ptBR: 'CONTEUDO_DISPARO_INICIAL' },
      type: 'String',
      description: 'The content of the dispatched message.',
      sql: 'd.content',
    },
    {
      field: 'portfolio',
      header: { en: 'CARTEIRA', ptBR: 'CARTEIRA' },
      type: 'String',
      description: 'The portfolio ("carteira") the inbox is allocated to.',
      sql: 'i.portfolio',
    },
    {
      field: 'whatsappNumber',
      header: { en: 'WHATSAPP_SAIDA', ptBR: 'WHATSAPP_SAIDA' },
      type: 'String',
      description:
        'The destination WhatsApp number: the contact number the dispatch was sent to (the source describes it as "Whatsapp de Destino").',
      sql: 'd.recipient_number',
    },
    {
      field: 'messageCount',
      header: { en: 'QTD_REGISTROS', ptBR: 'QTD_REGISTROS' },
      type: 'Int',
      description: 'Total number of messages in the conversation, both directions, private notes included, activity messages excluded.',
      sql: 'coalesce(dm.messages, 0)',
    },
    {
      field: 'sent',
      header: { en: 'FLAG_ENVIADO', ptBR: 'FLAG_ENVIADO' },
      type: 'Boolean',
      description: 'Send status: 1 = the provider accepted the message, 0 = it did not.',
      sql: 'd.sent_at IS NOT NULL',
    },
    {
      field: 'delivered',
      header: { en: 'FLAG_CONFIRMADO', ptBR: 'FLAG_CONFIRMADO' },
      type: 'Boolean',
      description: 'Delivery status: 1 = delivery to the contact was confirmed, 0 = not.',
      sql: 'd.delivered_at IS NOT NULL',
    },
    {
      field: 'read',
      header: { en: 'FLAG_LEITURA', ptBR: 'FLAG_LEITURA' },
      type: 'Boolean',
      description: 'Read status: 1 = the contact viewed the message, 0 = not.',
      sql: 'd.read_at IS NOT NULL',
    },
    {
      field: 'failed',
      header: { en: 'FLAG_FALHA', ptBR: 'FLAG_FALHA' },
      type: 'Boolean',
      description:
        'Failure status: 1 = the send failed, 0 = it did not. Recorded on its own, not as the opposite of FLAG_ENVIADO: an accepted message can still fail later.',
      sql: 'd.failed_at IS NOT NULL',
    },
    {
      field: 'customerInteracted',
      header: { en: 'FLAG_INTERACAO', ptBR: 'FLAG_INTERACAO' },
      type: 'Boolean',
      description:
        'Customer interaction: 1 = the contact sent at least one message in the conversation after the dispatch was requested, 0 = not.',
      sql: 'coalesce(dm.replied, false)',
    },
  ],
};
