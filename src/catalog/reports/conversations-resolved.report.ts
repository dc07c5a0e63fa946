import {
  conversationHead,
  conversationFrom,
  conversationTail,
  currentStatus,
  messageCountsAndTimes,
  resolution,
  resolvedBy,
} from '../columns/conversation';
import { csatStatusEnum, resolveTriggerEnum } from '../labels';
import { ReportDefinition } from '../types';
import { idFloor } from '../sql/id-floors';

export const conversationsResolvedReport: ReportDefinition = {
  key: 'conversations_resolved',
  title: { en: 'Resolved Conversations', ptBR: 'Conversas resolvidas' },
  description:
    'Every conversation resolved for the first time within the range, one row each, with the data it has at export time: ' +
    'who changed its status last, how and by whom it was resolved, message counts, response and lock times, topics and CSAT.',
  grain: 'One row per conversation.',
  dateRange:
    'The conversation first resolution: conversations resolved for the first time within the range (a later reopen and re-resolution does not move it).',
  source: 'Sparkcentral data exports, 1st export ("todas as conversas que são resolvidas pela primeira vez no intervalo").',
  filters: { teams: false, agents: false },
  rowKey: ['conversationId'],
  from: conversationFrom,
  where: (p) => [
    `c.first_resolved_at >= ${p.from}`,
    `c.first_resolved_at < ${p.to}`,
    `c.first_resolved_at <= ${p.asOf}`,
    p.inboxMatches('i'),
    ...idFloor('conversations_resolved', 'c.id', p),
  ],
  columns: [
    ...conversationHead(),
    currentStatus('NEW, OPEN, PENDING or RESOLVED; a conversation reopened after its first resolution shows its status now'),
    resolvedBy('Who made the most recent resolution: an agent, a virtual agent, a bulk-resolve action or the system.'),
    {
      field: 'resolveReason',
      header: { en: 'Resolve Reason', ptBR: 'Resolver o motivo' },
      type: 'String',
      description: 'The resolve reason the agent selected.',
      sql: 'c.resolve_reason',
    },
    {
      field: 'resolveComment',
      header: { en: 'Resolve Comment', ptBR: 'Resolver comentário' },
      type: 'String',
      description: 'The comment the agent added to the resolve reason.',
      sql: 'c.resolve_comment',
    },
    {
      field: 'resolveTrigger',
      header: { en: 'Resolve Trigger', ptBR: 'Resolver acionador' },
      type: 'String',
      description: 'What triggered the most recent resolution: a human agent, a virtual agent, an automation or auto-resolve.',
      sql: 'c.resolve_trigger',
      enum: resolveTriggerEnum,
    },
    ...resolution('the most recent resolution'),
    ...messageCountsAndTimes(
      'Seconds from the first inbound message to the most recent resolution. Empty when the contact never wrote (e.g. an unanswered outbound dispatch).',
    ),
    ...conversationTail(),
    {
      field: 'csatScore',
      header: { en: 'CSAT Score', ptBR: 'Pontuação CSAT' },
      type: 'Int',
      description: 'The score (1–5) the contact gave in the CSAT survey; empty when not answered.',
      sql: 'c.csat_score',
    },
    {
      field: 'csatCompletedStatus',
      header: { en: 'CSAT Completed Status', ptBR: 'Status do CSAT concluído' },
      type: 'String',
      description:
        'The contact response status after the CSAT survey was sent: SENT (no answer yet), COMPLETED or EXPIRED; empty when no survey was sent.',
      sql: 'c.csat_status',
      enum: csatStatusEnum,
    },
    {
      field: 'csatFollowUpQuestion',
      header: { en: 'CSAT Follow-up Question', ptBR: 'Pergunta de acompanhamento do CSAT' },
      type: 'String',
      description: 'The follow-up question sent to the contact after the CSAT score.',
      sql: 'c.csat_follow_up_question',
    },
    {
      field: 'csatFollowUpResponse',
      header: { en: 'CSAT Follow-up Response', ptBR: 'Resposta de acompanhamento do CSAT' },
      type: 'String',
      description: 'The contact answer to the follow-up question.',
      sql: 'c.csat_follow_up_answer',
    },
  ],
};
