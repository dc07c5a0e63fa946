import { channel } from '../columns/common';
import { ReportDefinition } from '../types';

export const virtualAgentMetricsReport: ReportDefinition = {
  key: 'virtual_agent_metrics',
  title: { en: 'Virtual Agent Metrics', ptBR: 'Métricas do agente virtual' },
  description:
    'Metrics per virtual agent and channel for the range: conversations taken part in, handovers to humans, resolutions, topics applied and tagging.',
  grain: 'One row per virtual agent per channel (inbox) in which it sent a message, handed over or resolved within the range.',
  dateRange: 'The activity aggregated: virtual-agent messages, handovers, resolutions and topic applications within the range.',
  source: 'Sparkcentral data exports, 11th export (virtual agents).',
  filters: { teams: false, agents: true },
  rowKey: ['virtualAgentId', 'inbox'],
  keys: { inbox: 'i.id' },
  with: (p) => `va_activity AS (
    SELECT m.sender_agent_id AS agent_id, m.account_id, m.conversation_id, 'message' AS kind, false AS due_to_error
      FROM messages m
     WHERE m.origin = 'virtual_agent' AND m.created_at >= ${p.from} AND m.created_at < ${p.to} AND m.created_at <= ${p.asOf}
    UNION ALL
    SELECT e.agent_id, e.account_id, e.conversation_id,
           CASE WHEN e.kind = 'handed_over' THEN 'handover' ELSE 'resolution' END, e.handover_due_to_error
      FROM conversation_events e
     WHERE (e.kind = 'handed_over' OR (e.kind = 'status_changed' AND e.to_status = 'resolved'))
       AND e.occurred_at >= ${p.from} AND e.occurred_at < ${p.to} AND e.occurred_at <= ${p.asOf}
    UNION ALL
    SELECT ct.applied_by_agent_id, ct.account_id, ct.conversation_id, 'topic', false
      FROM conversation_topics ct
     WHERE ct.applied_at >= ${p.from} AND ct.applied_at < ${p.to} AND ct.applied_at <= ${p.asOf}
  ),
  -- Materialised so that it runs once: inlined, an under-estimated va_activity put it on the
  -- inner side of a nested loop, recomputed for every activity row.
  va_tagging AS MATERIALIZED (
    SELECT vc.agent_id, c.inbox_id, count(DISTINCT mt.message_id) AS tagged_messages, count(*) AS tags
      FROM (SELECT DISTINCT agent_id, account_id, conversation_id FROM va_activity WHERE kind = 'message') vc
      JOIN conversations c ON c.account_id = vc.account_id AND c.id = vc.conversation_id
      JOIN messages m ON m.account_id = c.account_id AND m.conversation_id = c.id
      JOIN message_tags mt ON mt.account_id = m.account_id AND mt.message_id = m.id
     GROUP BY 1, 2
  )`,
  from: () => `va_activity v
    JOIN agents ag ON ag.account_id = v.account_id AND ag.id = v.agent_id AND ag.kind = 'virtual'
    JOIN conversations c ON c.account_id = v.account_id AND c.id = v.conversation_id
    JOIN inboxes i ON i.account_id = c.account_id AND i.id = c.inbox_id
    LEFT JOIN va_tagging tg ON tg.agent_id = ag.id AND tg.inbox_id = i.id`,
  where: (p) => [p.inboxMatches('i'), p.agentMatches('ag.id')],
  groupBy: ['ag.id', 'ag.name', 'i.id', 'i.medium', 'i.name', 'i.display_name', 'tg.tagged_messages', 'tg.tags'],
  columns: [
    {
      field: 'virtualAgentId',
      header: { en: 'Agent ID', ptBR: 'ID do agente' },
      type: 'ID',
      description: 'The virtual agent unique identifier.',
      sql: 'ag.id',
    },
    {
      field: 'virtualAgentName',
      header: { en: 'Agent Name', ptBR: 'Nome do agente' },
      type: 'String',
      description: 'The virtual agent name as configured.',
      sql: 'ag.name',
    },
    ...channel('i', 'the virtual agent took part in conversations'),
    {
      field: 'totalConversations',
      header: { en: 'Total Conversations', ptBR: 'Total de conversas' },
      type: 'Int',
      description: 'Number of distinct conversations on the channel in which the virtual agent sent at least one message within the range.',
      sql: `count(DISTINCT v.conversation_id) FILTER (WHERE v.kind = 'message')`,
    },
    {
      field: 'handoversToAgent',
      header: { en: 'Handover to Agent', ptBR: 'Entrega para o agente' },
      type: 'Int',
      description:
        'Number of distinct conversations the virtual agent handed over to the human queue within the range, for any reason (errors included).',
      sql: `count(DISTINCT v.conversation_id) FILTER (WHERE v.kind = 'handover')`,
    },
    {
      field: 'handoversDueToError',
      header: { en: 'Handover due to Error', ptBR: 'Entrega devido a erro' },
      type: 'Int',
      description: 'Of those, the conversations handed over because the virtual agent met an error.',
      sql: `count(DISTINCT v.conversation_id) FILTER (WHERE v.kind = 'handover' AND v.due_to_error)`,
    },
    {
      field: 'resolvedConversations',
      header: { en: 'Resolved', ptBR: 'Resolvido' },
      type: 'Int',
      description: 'Number of distinct conversations the virtual agent resolved within the range.',
      sql: `count(DISTINCT v.conversation_id) FILTER (WHERE v.kind = 'resolution')`,
    },
    {
      field: 'totalConversationsWithTopic',
      header: { en: 'Total Conversations with Topic', ptBR: 'Total de conversas com o tópico' },
      type: 'Int',
      description:
        'Number of distinct conversations to which the virtual agent applied at least one topic within the range (the header reading; the source description speaks of topics applied).',
      sql: `count(DISTINCT v.conversation_id) FILTER (WHERE v.kind = 'topic')`,
    },
    {
      field: 'totalTaggedMessages',
      header: { en: 'Total Tagged Messages', ptBR: 'Total de mensagens marcadas' },
      type: 'Int',
      description:
        'Number of messages with at least one tag, over the conversations counted in Total Conversations (tags applied by anyone, at any time).',
      sql: 'coalesce(tg.tagged_messages, 0)',
    },
    {
      field: 'tagsPerMessage',
      header: { en: 'Tags per Message', ptBR: 'O número de mensagens que foram marcadas no geral' },
      type: 'Float',
      description:
        'Tags applied per tagged message over the same conversations (tag applications ÷ tagged messages), rounded to two decimals; empty when no message is tagged. The Portuguese header repeats, as the source does, the previous column description.',
      sql: 'round(tg.tags::numeric / nullif(tg.tagged_messages, 0), 2)',
    },
  ],
};
