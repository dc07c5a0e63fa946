import { conversationStatusEnum, resolvedByEnum } from '../labels';
import { currentTopics, labelIds, labelNames } from '../sql/applied-labels';
import { firstResponse, messageCounts } from '../sql/conversation-metrics';
import { conversationLockTimes } from '../sql/lock-sessions';
import { ColumnDefinition, ReportParams } from '../types';
import { agentTriple, channel, contactIdentity } from './common';

/**
 * The Sparkcentral conversation exports (resolved and open) share 31 columns, in one order, with
 * the same headers. They expect these aliases in the report's FROM clause:
 * c conversation, i inbox, ct contact, lsa/lst last status change agent/team, ra resolving agent,
 * mc messageCounts, fr firstResponse, lk conversationLockTimes, tp currentTopics.
 */

export const FIRST_RESPONSE_DEFINITION =
  'Seconds from the clock start to the first public message a human agent sent to the contact. The clock starts at the ' +
  'first handover to the human (New) queue by a virtual agent or the auto-responder (VA/AR) when the conversation has ' +
  'one, otherwise at the first inbound message; virtual-agent, auto-responder and automation messages never stop it (inbound 11:00, virtual agent reply ' +
  '11:01, handover 11:02, agent reply 11:30 → 1680). Counts the first response of the conversation only: a reopen ' +
  'does not restart it. Empty until a human agent has replied.';

export const HANDLE_DEFINITION =
  'Seconds of agent locks on the conversation during which the locking agent sent a reply. A lock runs from the agent ' +
  'opening (locking) the conversation to releasing it, or to the export time while still held. Summed over all agents and reopens.';

export const NO_REPLY_DEFINITION =
  'Seconds of agent locks on the conversation that ended with the locking agent resolving it without having sent a reply ' +
  'during the lock. Summed over all agents and reopens.';

export const CHERRY_PICKING_DEFINITION =
  'Seconds of agent locks on the conversation in which the locking agent neither replied nor resolved it (looked and ' +
  'released). Handle, no-reply and cherry-picking time together are all lock time. Summed over all agents and reopens.';

export function conversationHead(): ColumnDefinition[] {
  return [
    {
      field: 'conversationId',
      header: { en: 'Conversation ID', ptBR: 'ID da conversa' },
      type: 'ID',
      description: 'The conversation unique identifier.',
      sql: 'c.id',
    },
    ...channel('i'),
    ...contactIdentity('ct'),
    {
      field: 'createdAt',
      header: { en: 'Created at', ptBR: 'Criado em' },
      type: 'DateTime',
      description: 'When the conversation was created.',
      sql: 'c.created_at',
    },
    ...agentTriple(
      'lsa',
      'lastStatusChangeAgent',
      {
        id: { en: 'Last Status Change Agent ID', ptBR: 'ID do agente da última alteração de status' },
        name: { en: 'Last Status Change Agent Name', ptBR: 'Último nome do agente de alteração de status' },
        reference: { en: 'Last Status Change Agent Reference', ptBR: 'Referência do último agente de alteração de status' },
      },
      'the agent who made the last status change of the conversation (to Resolved or Pending)',
    ),
    {
      field: 'lastStatusChangeTeamId',
      header: { en: 'Last Status Change Team ID', ptBR: 'ID da equipe da última alteração de status' },
      type: 'ID',
      description: 'Unique identifier of the team of the agent who made the last status change (to Resolved or Pending).',
      sql: 'lst.id',
    },
    {
      field: 'lastStatusChangeTeamName',
      header: { en: 'Last Status Change Team Name', ptBR: 'Último nome da equipe de alteração de status' },
      type: 'String',
      description: 'Name of the team of the agent who made the last status change (to Resolved or Pending).',
      sql: 'lst.name',
    },
  ];
}

export function currentStatus(values: string): ColumnDefinition {
  return {
    field: 'currentStatus',
    header: { en: 'Current Status', ptBR: 'Status atual' },
    type: 'String',
    description: `The conversation status at export time (${values}).`,
    sql: 'c.status',
    enum: conversationStatusEnum,
  };
}

export function resolvedBy(description: string): ColumnDefinition {
  return {
    field: 'resolvedBy',
    header: { en: 'Resolved By', ptBR: 'Resolvido por' },
    type: 'String',
    description,
    sql: 'c.resolved_by',
    enum: resolvedByEnum,
  };
}

export function resolution(which: string): ColumnDefinition[] {
  return [
    {
      field: 'resolvedAt',
      header: { en: 'Resolved at', ptBR: 'Resolvido em' },
      type: 'DateTime',
      description: `When ${which} happened.`,
      sql: 'c.resolved_at',
    },
    ...agentTriple(
      'ra',
      'resolvedAgent',
      {
        id: { en: 'Resolved Agent ID', ptBR: 'ID do agente resolvida' },
        name: { en: 'Resolved Agent Name', ptBR: 'Nome do agente resolvido' },
        reference: { en: 'Resolved Agent Reference', ptBR: 'Referência do agente resolvida' },
      },
      `the agent, human or virtual, who made ${which} (empty when a bulk action or the system resolved it)`,
    ),
  ];
}

export function messageCountsAndTimes(resolutionDefinition: string): ColumnDefinition[] {
  return [
    {
      field: 'inboundMessageCount',
      header: { en: 'Number of Inbound Messages', ptBR: 'Número de mensagens recebidas' },
      type: 'Int',
      description: 'Number of messages the contact sent in the conversation (activity messages excluded).',
      sql: 'mc.inbound_count',
    },
    {
      field: 'outboundMessageCount',
      header: { en: 'Number of Outbound Messages', ptBR: 'Número de mensagens enviadas' },
      type: 'Int',
      description:
        'Number of public messages sent to the contact in the conversation, by agents, virtual agents and automations (private notes and activity messages excluded).',
      sql: 'mc.outbound_count',
    },
    {
      field: 'firstResponseTimeSeconds',
      header: { en: 'First Response Time (s)', ptBR: 'Tempo (s) da primeira resposta' },
      type: 'Seconds',
      description: FIRST_RESPONSE_DEFINITION,
      sql: 'fr.seconds',
    },
    {
      field: 'handleTimeSeconds',
      header: { en: 'Handle Time (s)', ptBR: 'Tempo (s) de manuseio' },
      type: 'Seconds',
      description: HANDLE_DEFINITION,
      sql: 'lk.handle_seconds',
    },
    {
      field: 'noReplyTimeSeconds',
      header: { en: 'No Reply Time (s)', ptBR: 'Tempo (s) sem resposta' },
      type: 'Seconds',
      description: NO_REPLY_DEFINITION,
      sql: 'lk.no_reply_seconds',
    },
    {
      field: 'cherryPickingTimeSeconds',
      header: { en: 'Cherry Picking Time (s)', ptBR: 'Tempo (s) de colheita da cereja' },
      type: 'Seconds',
      description: CHERRY_PICKING_DEFINITION,
      sql: 'lk.cherry_picking_seconds',
    },
    {
      field: 'resolutionTimeSeconds',
      header: { en: 'Resolution Time (s)', ptBR: 'Tempo (s) de resolução' },
      type: 'Seconds',
      description: resolutionDefinition,
      sql: 'extract(epoch FROM c.resolved_at - mc.first_inbound_at)',
    },
  ];
}

export function conversationTail(): ColumnDefinition[] {
  return [
    {
      field: 'topicIds',
      header: { en: 'Topic IDs', ptBR: 'IDs de tópico' },
      type: 'StringList',
      description: 'Identifiers of the topics applied to the conversation at export time, in topic-name order.',
      sql: labelIds('tp'),
    },
    {
      field: 'topicNames',
      header: { en: 'Topic Names', ptBR: 'Nomes de tópicos' },
      type: 'StringList',
      description: 'Names of the topics applied to the conversation at export time, in name order.',
      sql: labelNames('tp'),
    },
    {
      field: 'conversationUrl',
      header: { en: 'Conversation URL', ptBR: 'URL da conversa' },
      type: 'String',
      description: 'The conversation URL in the agent console.',
      sql: 'c.url',
    },
    {
      field: 'lastUpdatedAt',
      header: { en: 'Last Updated', ptBR: 'Última atualização' },
      type: 'DateTime',
      description:
        'When the conversation last changed: its latest status change, assignment, team change, lock, handover, CSAT survey or answer, or message (topic changes are dated on their own).',
      sql: 'c.updated_at',
    },
    {
      field: 'language',
      header: { en: 'Language', ptBR: 'Idioma' },
      type: 'String',
      description: 'The language detected or set on the conversation (BCP 47 tag, e.g. pt-BR).',
      sql: 'c.language',
    },
  ];
}

/**
 * The FROM clause every conversation export needs for the columns above. Each join but the
 * inbox's (which the filter reads) yields exactly one row per conversation and feeds only columns,
 * so a count leaves them out: PostgreSQL runs a lateral for every row even when nothing reads it,
 * and hash-joins every contact of the account for the contact's.
 */
export function conversationFrom(p: ReportParams): string {
  const inbox = `conversations c
    JOIN inboxes i ON i.account_id = c.account_id AND i.id = c.inbox_id`;
  if (p.counting) return inbox;
  return `${inbox}
    JOIN contacts ct ON ct.account_id = c.account_id AND ct.id = c.contact_id
    LEFT JOIN agents lsa ON lsa.account_id = c.account_id AND lsa.id = c.last_status_change_agent_id
    LEFT JOIN teams lst ON lst.account_id = c.account_id AND lst.id = c.last_status_change_team_id
    LEFT JOIN agents ra ON ra.account_id = c.account_id AND ra.id = c.resolved_by_agent_id
    ${messageCounts(p, 'c', 'mc')}
    ${firstResponse(p, 'c', 'mc', 'fr')}
    ${conversationLockTimes(p, 'c', 'lk')}
    ${currentTopics('c', 'tp', p)}`;
}
