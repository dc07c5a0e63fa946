import {
  conversationHead,
  conversationFrom,
  conversationTail,
  currentStatus,
  messageCountsAndTimes,
  resolution,
  resolvedBy,
} from '../columns/conversation';
import { ReportDefinition } from '../types';

export const conversationsOpenReport: ReportDefinition = {
  key: 'conversations_open',
  title: { en: 'Open Conversations', ptBR: 'Conversas abertas' },
  description:
    'Every conversation that is New, Open or Pending at export time, one row each, with the data it has then. ' +
    'The resolution columns describe a previous resolution of a reopened conversation and are empty otherwise.',
  grain: 'One row per conversation.',
  dateRange:
    'Not applied: the report is the state at export time, whatever the range (the range is still required and validated, as for every report).',
  source: 'Sparkcentral data exports, 2nd export ("todas as conversas com o status Novo ou Pendente no momento da exportação").',
  filters: { teams: false, agents: false },
  rowKey: ['conversationId'],
  from: conversationFrom,
  where: (p) => [`c.status IN ('new', 'open', 'pending')`, `c.created_at <= ${p.asOf}`, p.inboxMatches('i')],
  columns: [
    ...conversationHead(),
    currentStatus('NEW, OPEN or PENDING; OPEN is the chat-module state of a conversation an agent is working on'),
    resolvedBy('Who made the previous resolution of a reopened conversation; empty if it was never resolved.'),
    ...resolution('the previous resolution of a reopened conversation (empty if never resolved)'),
    ...messageCountsAndTimes(
      'Seconds from the first inbound message to the previous resolution of a reopened conversation; empty if never resolved.',
    ),
    ...conversationTail(),
  ],
};
