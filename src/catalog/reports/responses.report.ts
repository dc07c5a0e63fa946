import { agentTriple } from '../columns/common';
import { responseInitiatorEnum } from '../labels';
import { humanReply } from '../sql/conversation-metrics';
import { ReportDefinition } from '../types';
import { idFloor } from '../sql/id-floors';

export const responsesReport: ReportDefinition = {
  key: 'responses',
  title: { en: 'Response Times', ptBR: 'Respostas' },
  description:
    'Every agent response sent within the range, paired with what it answered: the contact first message since the previous human reply or resolution, ' +
    'or a handover to the human (New) queue by a virtual agent or the auto-responder that came after that message. Follow-up replies with nothing new to answer are not responses.',
  grain: 'One row per response: a human reply that answers an inbound message or a handover.',
  dateRange: 'The response (outbound message) creation time.',
  source: 'Sparkcentral data exports, 10th export (response times).',
  filters: { teams: true, agents: true },
  rowKey: ['outboundMessageId'],
  // A count needs only which replies are responses, not what each answered: the applier keeps them (see ../sql/human-replies.ts).
  from: (p) =>
    p.counting
      ? 'human_replies m'
      : `messages m
    JOIN conversations c ON c.account_id = m.account_id AND c.id = m.conversation_id
    JOIN inboxes i ON i.account_id = c.account_id AND i.id = c.inbox_id
    LEFT JOIN agents ag ON ag.account_id = m.account_id AND ag.id = m.sender_agent_id
    CROSS JOIN LATERAL (
      SELECT greatest(
               (SELECT max(prev.created_at) FROM messages prev
                 WHERE prev.account_id = m.account_id AND prev.conversation_id = m.conversation_id
                   AND ${humanReply('prev')} AND (prev.created_at, prev.id) < (m.created_at, m.id)),
               (SELECT max(r.occurred_at) FROM conversation_events r
                 WHERE r.account_id = m.account_id AND r.conversation_id = m.conversation_id
                   AND r.kind = 'status_changed' AND r.to_status = 'resolved' AND r.occurred_at < m.created_at)) AS at
    ) cycle_start
    CROSS JOIN LATERAL (
      SELECT inbound.id, inbound.created_at
        FROM messages inbound
       WHERE inbound.account_id = m.account_id AND inbound.conversation_id = m.conversation_id
         AND inbound.direction = 'incoming' AND inbound.message_type <> 'activity'
         AND inbound.created_at <= m.created_at
         AND (cycle_start.at IS NULL OR inbound.created_at > cycle_start.at)
       ORDER BY inbound.created_at, inbound.id
       LIMIT 1
    ) first_inbound
    LEFT JOIN LATERAL (
      SELECT e.occurred_at, e.handover_reason
        FROM conversation_events e
       WHERE e.account_id = m.account_id AND e.conversation_id = m.conversation_id AND e.kind = 'handed_over'
         AND e.occurred_at >= first_inbound.created_at AND e.occurred_at <= m.created_at
       ORDER BY e.occurred_at DESC, e.id DESC
       LIMIT 1
    ) handover ON true`,
  where: (p) => [
    p.counting ? 'm.response' : humanReply(),
    `m.created_at >= ${p.from}`,
    `m.created_at < ${p.to}`,
    `m.created_at <= ${p.asOf}`,
    p.counting
      ? `(NOT ${p.inboxesFiltered} OR m.inbox_id = ANY (ARRAY(SELECT fi.id FROM inboxes fi WHERE ${p.inboxMatches('fi')})))`
      : p.inboxMatches('i'),
    p.teamMatches('m.team_id'),
    p.agentMatches('m.sender_agent_id'),
    ...idFloor('messages', 'm.id', p),
  ],
  columns: [
    {
      field: 'conversationId',
      header: { en: 'Conversation ID', ptBR: 'ID da conversa' },
      type: 'ID',
      description: 'The conversation unique identifier.',
      sql: 'c.id',
    },
    {
      field: 'medium',
      header: { en: 'Medium', ptBR: 'Médio' },
      type: 'String',
      description: 'The social network or messaging platform on which the conversation took place.',
      sql: 'i.medium',
    },
    {
      field: 'senderChannel',
      header: { en: 'Sender Channel', ptBR: 'Canal do remetente' },
      type: 'String',
      description: 'The channel (inbox) on which the contact message was received.',
      sql: 'i.name',
    },
    {
      field: 'senderChannelDisplayName',
      header: { en: 'Sender Channel Display Name', ptBR: 'Nome de exibição do canal do remetente' },
      type: 'String',
      description: 'The channel custom display name.',
      sql: 'i.display_name',
    },
    {
      field: 'contactProfileId',
      header: { en: 'Contact Profile ID', ptBR: 'ID do perfil do contato' },
      type: 'ID',
      description: 'The contact unique identifier.',
      sql: 'c.contact_id',
    },
    {
      field: 'initiatedBy',
      header: { en: 'Initiated By', ptBR: 'Iniciado por' },
      type: 'String',
      description:
        'What started the response clock: INBOUND_MESSAGE, or VA_HANDED_OVER_CONVERSATION when a virtual agent or the auto-responder (VA/AR) ' +
        'handed the conversation to the human (New) queue after the contact message; the source has the one value for both.',
      sql: `CASE WHEN handover.occurred_at IS NULL THEN 'inbound_message' ELSE 'va_handed_over_conversation' END`,
      enum: responseInitiatorEnum,
    },
    {
      field: 'handoverReason',
      header: { en: 'Handover Reason', ptBR: 'Motivo da entrega' },
      type: 'String',
      description: 'When initiated by a handover, the reason the virtual agent or auto-responder gave for it.',
      sql: 'handover.handover_reason',
    },
    {
      field: 'initiatedAt',
      header: { en: 'From', ptBR: 'De' },
      type: 'DateTime',
      description:
        'When the clock started: the handover time when there was one, otherwise the contact first message since the previous human reply or resolution.',
      sql: 'coalesce(handover.occurred_at, first_inbound.created_at)',
    },
    {
      field: 'respondedAt',
      header: { en: 'To', ptBR: 'Para' },
      type: 'DateTime',
      description: 'When the agent sent the response.',
      sql: 'm.created_at',
    },
    {
      field: 'agentResponseTimeSeconds',
      header: { en: 'Agent Response Time (s)', ptBR: 'Tempo (s) de resposta do agente' },
      type: 'Seconds',
      description:
        'Seconds from From to To: how long the contact waited for this human response (inbound 11:00, virtual agent reply 11:01, handover 11:02, agent reply 11:30 → 1680).',
      sql: 'extract(epoch FROM m.created_at - coalesce(handover.occurred_at, first_inbound.created_at))',
    },
    ...agentTriple(
      'ag',
      'responseAgent',
      {
        id: { en: 'Response Agent ID', ptBR: 'ID do agente de resposta' },
        name: { en: 'Response Agent Name', ptBR: 'Nome do agente de resposta' },
        reference: { en: 'Response Agent Reference', ptBR: 'Referência do agente de resposta' },
      },
      'the agent who sent the response',
    ),
    {
      field: 'inboundMessageId',
      header: { en: 'Inbound Message ID', ptBR: 'ID da mensagem de entrada' },
      type: 'ID',
      description: 'The contact message the response answers (the first one since the previous human reply or resolution).',
      sql: 'first_inbound.id',
    },
    {
      field: 'outboundMessageId',
      header: { en: 'Outbound Message ID', ptBR: 'ID da mensagem de saída' },
      type: 'ID',
      description: 'The response message identifier.',
      sql: 'm.id',
    },
    {
      field: 'conversationUrl',
      header: { en: 'Conversation URL', ptBR: 'URL da conversa' },
      type: 'String',
      description: 'The conversation URL in the agent console.',
      sql: 'c.url',
    },
  ],
};
