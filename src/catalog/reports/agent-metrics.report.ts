import { csatScoreCounts } from '../columns/common';
import { BY_AGENT, csatScores, labelsAdded, locks, replies, resolutions } from '../sql/activity';
import { agentInTeams } from '../sql/membership';
import { presenceTimes } from '../sql/presence';
import { ReportDefinition } from '../types';

export const agentMetricsReport: ReportDefinition = {
  key: 'agent_metrics',
  title: { en: 'Agent metrics', ptBR: 'Métricas do agente' },
  description:
    'Metrics per human agent for the range: presence, replies, resolutions, lock times, utilization, tags, topics and CSAT. ' +
    'The channel filter narrows the conversation activity; presence has no channel and is never narrowed.',
  grain:
    'One row per human agent with presence overlapping the range or any activity (reply, resolution, lock, tag, topic, CSAT) within it.',
  dateRange:
    'The activity aggregated: presence clipped to the range; replies, resolutions, locks taken, tags/topics applied and CSAT answers within the range.',
  source: 'Sparkcentral data exports, 9th export (users).',
  filters: { teams: true, agents: true },
  rowKey: ['userId'],
  with: (p) => `agent_presence_times AS (${presenceTimes(p)}),
  agent_replies AS (${replies(p, BY_AGENT)}),
  agent_resolutions AS (${resolutions(p, BY_AGENT)}),
  agent_locks AS (${locks(p, BY_AGENT)}),
  agent_labels AS (${labelsAdded(p, BY_AGENT)}),
  agent_csat AS (${csatScores(p, BY_AGENT)})`,
  from: () => `agents ag
    LEFT JOIN agent_presence_times pt ON pt.owner_id = ag.id
    LEFT JOIN agent_replies rp ON rp.owner_id = ag.id
    LEFT JOIN agent_resolutions rs ON rs.owner_id = ag.id
    LEFT JOIN agent_locks lk ON lk.owner_id = ag.id
    LEFT JOIN agent_labels lb ON lb.owner_id = ag.id
    LEFT JOIN agent_csat cs ON cs.owner_id = ag.id`,
  where: (p) => [
    `ag.kind = 'human'`,
    'coalesce(pt.owner_id, rp.owner_id, rs.owner_id, lk.owner_id, lb.owner_id, cs.owner_id) IS NOT NULL',
    p.agentMatches('ag.id'),
    agentInTeams(p, 'ag'),
  ],
  columns: [
    {
      field: 'userId',
      header: { en: 'User ID', ptBR: 'ID do usuário' },
      type: 'ID',
      description: 'The agent unique identifier.',
      sql: 'ag.id',
    },
    {
      field: 'userName',
      header: { en: 'User Name', ptBR: 'Nome do usuário' },
      type: 'String',
      description: 'The agent name.',
      sql: 'ag.name',
    },
    {
      field: 'userEmail',
      header: { en: 'User Email Address', ptBR: 'Endereço de e-mail do usuário' },
      type: 'String',
      description: 'The agent e-mail address.',
      sql: 'ag.email',
    },
    {
      field: 'userReference',
      header: { en: 'User Reference', ptBR: 'Referência do usuário' },
      type: 'String',
      description: 'Internal reference of the agent (e.g. an employee number).',
      sql: 'ag.reference',
    },
    {
      field: 'availableTimeSeconds',
      header: { en: 'Available Time (s)', ptBR: 'Tempo (s) disponível (is)' },
      type: 'Seconds',
      description:
        'Seconds the agent was Available within the range (presence intervals clipped to the range; an open interval ends at export time).',
      sql: 'coalesce(pt.available_seconds, 0)',
    },
    {
      field: 'awayTimeSeconds',
      header: { en: 'Away Time (s)', ptBR: 'Tempo (s) ausente (s)' },
      type: 'Seconds',
      description: 'Seconds the agent was Away (any away state) within the range, clipped the same way.',
      sql: 'coalesce(pt.away_seconds, 0)',
    },
    {
      field: 'contactsHelped',
      header: { en: 'Contacts Helped', ptBR: 'Contatos ajudados' },
      type: 'Int',
      description: 'Number of distinct contacts who received at least one reply from the agent within the range.',
      sql: 'coalesce(rp.contacts_helped, 0)',
    },
    {
      field: 'avgHandleTimeSeconds',
      header: { en: 'Avg. Handle Time (s)', ptBR: 'Média. Tempo (s) de manuseio' },
      type: 'Seconds',
      description: 'Handle Time divided by the number of distinct conversations with handle time; empty when there is none.',
      sql: 'lk.handle_seconds / nullif(lk.handled_conversations, 0)',
    },
    {
      field: 'totalHandleTimeSeconds',
      header: { en: 'Handle Time (s)', ptBR: 'Tempo (s) de manuseio' },
      type: 'Seconds',
      description:
        'Seconds of locks the agent took within the range during which the agent replied (handle time, as in the conversation exports).',
      sql: 'coalesce(lk.handle_seconds, 0)',
    },
    {
      field: 'totalNoReplyTimeSeconds',
      header: { en: 'No Reply Time (s)', ptBR: 'Tempo (s) sem resposta' },
      type: 'Seconds',
      description:
        'Seconds of locks the agent took within the range that ended with the agent resolving the conversation without replying.',
      sql: 'coalesce(lk.no_reply_seconds, 0)',
    },
    {
      field: 'totalCherryPickingTimeSeconds',
      header: { en: 'Cherry Picking Time (s)', ptBR: 'Tempo (s) de colheita da cereja' },
      type: 'Seconds',
      description:
        'Seconds of locks the agent took within the range in which the agent neither replied nor resolved (looked and released).',
      sql: 'coalesce(lk.cherry_picking_seconds, 0)',
    },
    {
      field: 'replies',
      header: { en: 'Replies', ptBR: 'Respostas' },
      type: 'Int',
      description: 'Number of public messages the agent sent to contacts within the range.',
      sql: 'coalesce(rp.replies, 0)',
    },
    {
      field: 'resolvesWithReply',
      header: { en: 'Resolves - With Reply', ptBR: 'Resolve - Com resposta' },
      type: 'Int',
      description:
        'Number of distinct conversations the agent resolved within the range in which a human agent had replied before the resolution.',
      sql: 'coalesce(rs.with_reply, 0)',
    },
    {
      field: 'resolvesWithoutReply',
      header: { en: 'Resolves - Without Reply', ptBR: 'Resolve - Sem resposta' },
      type: 'Int',
      description:
        'Number of distinct conversations the agent resolved within the range in which no human agent had replied before the resolution.',
      sql: 'coalesce(rs.without_reply, 0)',
    },
    {
      field: 'tagsAdded',
      header: { en: 'Tags Added', ptBR: 'Tags adicionadas' },
      type: 'Int',
      description: 'Number of tags the agent applied to messages within the range.',
      sql: 'coalesce(lb.tags_added, 0)',
    },
    {
      field: 'topicsAdded',
      header: { en: 'Topics Added', ptBR: 'Tópicos adicionados' },
      type: 'Int',
      description: 'Number of topics the agent applied to conversations within the range.',
      sql: 'coalesce(lb.topics_added, 0)',
    },
    {
      field: 'utilizationPercent',
      header: { en: 'Utilization (%)', ptBR: 'Utilização (%)' },
      type: 'Percent',
      description:
        'Handle Time ÷ Available Time × 100, rounded to two decimals: the share of available time spent handling conversations. Empty when the agent had no available time.',
      sql: 'round((coalesce(lk.handle_seconds, 0) * 100.0 / nullif(pt.available_seconds, 0))::numeric, 2)',
    },
    ...csatScoreCounts('cs', 'the agent made the most recent resolution of'),
  ],
};
