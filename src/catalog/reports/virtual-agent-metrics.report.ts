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
  // The activity carries no account_id: every source row is the bound account's already, and a
  // join on it would make PostgreSQL filter the CTE by the account and estimate 0.5 % of its rows,
  // then rescan it in nested loops (212k rows 22 times at 1M messages). It is reduced to one row per
  // agent and conversation, then per agent and channel, before the few agents and inboxes join:
  // a conversation has one inbox, so its distinct conversations are the rows of va_conversations.
  // Only the virtual agents' activity reaches a row (the agents join below), so only theirs is read: through the (agent, time)
  // indexes, the range's bot messages and events alone rather than every message and event of the range.
  with: (p) => `virtual_agents AS MATERIALIZED (
    SELECT array_agg(va.id) AS ids FROM agents va WHERE va.kind = 'virtual'
  ),
  va_activity AS (
    SELECT m.sender_agent_id AS agent_id, m.conversation_id, 'message' AS kind, false AS due_to_error
      FROM messages m
     WHERE m.origin = 'virtual_agent' AND m.sender_agent_id = ANY ((SELECT ids FROM virtual_agents)::bigint[])
       AND m.created_at >= ${p.from} AND m.created_at < ${p.to} AND m.created_at <= ${p.asOf}
    UNION ALL
    SELECT e.agent_id, e.conversation_id,
           CASE WHEN e.kind = 'handed_over' THEN 'handover' ELSE 'resolution' END, e.handover_due_to_error
      FROM conversation_events e
     WHERE (e.kind = 'handed_over' OR (e.kind = 'status_changed' AND e.to_status = 'resolved'))
       AND e.agent_id = ANY ((SELECT ids FROM virtual_agents)::bigint[])
       AND e.occurred_at >= ${p.from} AND e.occurred_at < ${p.to} AND e.occurred_at <= ${p.asOf}
    UNION ALL
    SELECT ct.applied_by_agent_id, ct.conversation_id, 'topic', false
      FROM conversation_topics ct
     WHERE ct.applied_by_agent_id = ANY ((SELECT ids FROM virtual_agents)::bigint[])
       AND ct.applied_at >= ${p.from} AND ct.applied_at < ${p.to} AND ct.applied_at <= ${p.asOf}
  ),
  va_conversations AS MATERIALIZED (
    SELECT v.agent_id, c.inbox_id, v.conversation_id,
           bool_or(v.kind = 'message') AS messaged,
           bool_or(v.kind = 'handover') AS handed_over,
           bool_or(v.kind = 'handover' AND v.due_to_error) AS handed_over_on_error,
           bool_or(v.kind = 'resolution') AS resolved,
           bool_or(v.kind = 'topic') AS topic_applied
      FROM va_activity v
      JOIN conversations c ON c.id = v.conversation_id
     GROUP BY v.agent_id, c.inbox_id, v.conversation_id
  ),
  va_channels AS (
    SELECT agent_id, inbox_id,
           count(*) FILTER (WHERE messaged) AS conversations,
           count(*) FILTER (WHERE handed_over) AS handovers,
           count(*) FILTER (WHERE handed_over_on_error) AS handovers_on_error,
           count(*) FILTER (WHERE resolved) AS resolutions,
           count(*) FILTER (WHERE topic_applied) AS with_topic
      FROM va_conversations
     GROUP BY agent_id, inbox_id
  ),
  -- Materialised so that it runs once: inlined, an under-estimated activity once put it on the
  -- inner side of a nested loop, recomputed for every activity row.
  va_tagging AS MATERIALIZED (
    SELECT vc.agent_id, vc.inbox_id, count(DISTINCT mt.message_id) AS tagged_messages, count(*) AS tags
      FROM va_conversations vc
      JOIN messages m ON m.conversation_id = vc.conversation_id
      JOIN message_tags mt ON mt.account_id = m.account_id AND mt.message_id = m.id
     WHERE vc.messaged
     GROUP BY 1, 2
  )`,
  // At most one tagging row per channel row, so a count does without it (and so never computes it).
  from: (p) => `va_channels v
    JOIN agents ag ON ag.id = v.agent_id AND ag.kind = 'virtual'
    JOIN inboxes i ON i.id = v.inbox_id
    ${p.counting ? '' : 'LEFT JOIN va_tagging tg ON tg.agent_id = v.agent_id AND tg.inbox_id = v.inbox_id'}`,
  where: (p) => [p.inboxMatches('i'), p.agentMatches('ag.id')],
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
      sql: 'v.conversations',
    },
    {
      field: 'handoversToAgent',
      header: { en: 'Handover to Agent', ptBR: 'Entrega para o agente' },
      type: 'Int',
      description:
        'Number of distinct conversations the virtual agent handed over to the human queue within the range, for any reason (errors included).',
      sql: 'v.handovers',
    },
    {
      field: 'handoversDueToError',
      header: { en: 'Handover due to Error', ptBR: 'Entrega devido a erro' },
      type: 'Int',
      description: 'Of those, the conversations handed over because the virtual agent met an error.',
      sql: 'v.handovers_on_error',
    },
    {
      field: 'resolvedConversations',
      header: { en: 'Resolved', ptBR: 'Resolvido' },
      type: 'Int',
      description: 'Number of distinct conversations the virtual agent resolved within the range.',
      sql: 'v.resolutions',
    },
    {
      field: 'totalConversationsWithTopic',
      header: { en: 'Total Conversations with Topic', ptBR: 'Total de conversas com o tópico' },
      type: 'Int',
      description:
        'Number of distinct conversations to which the virtual agent applied at least one topic within the range (the header reading; the source description speaks of topics applied).',
      sql: 'v.with_topic',
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
