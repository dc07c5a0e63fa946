import { csatScoreCounts } from '../columns/common';
import { BY_TEAM, csatScores, labelsAdded, locks, repliesAndFirstResponse, replyingOwners, resolutions } from '../sql/activity';
import { ReportDefinition } from '../types';

export const teamsReport: ReportDefinition = {
  key: 'teams',
  title: { en: 'Teams', ptBR: 'Equipes' },
  description:
    'Activity per team within the range: resolutions, response and resolution times, lock times, contacts helped, CSAT, tags, topics and replies. ' +
    'Replies and resolutions count for the team the agent made them for; lock, tag and topic activity counts for every team the agent is a member of.',
  grain: 'One row per team that sent at least one human reply within the range.',
  dateRange: 'The activity aggregated: replies, resolutions, locks taken, CSAT answers and tags/topics applied within the range.',
  source: 'Sparkcentral data exports, 4th export (teams).',
  filters: { teams: true, agents: false },
  rowKey: ['teamId'],
  with: (p) => `team_replies AS (${repliesAndFirstResponse(p, BY_TEAM)}),
  team_resolutions AS (${resolutions(p, BY_TEAM)}),
  team_locks AS (${locks(p, BY_TEAM)}),
  team_labels AS (${labelsAdded(p, BY_TEAM)}),
  team_csat AS (${csatScores(p, BY_TEAM)})`,
  from: () => `teams t
    JOIN team_replies rp ON rp.owner_id = t.id
    LEFT JOIN team_resolutions rs ON rs.owner_id = t.id
    LEFT JOIN team_locks lk ON lk.owner_id = t.id
    LEFT JOIN team_labels lb ON lb.owner_id = t.id
    LEFT JOIN team_csat cs ON cs.owner_id = t.id`,
  where: (p) => [p.teamMatches('t.id')],
  // A team is a row when it replied in the range: the count needs no other activity.
  count: (p) => ({
    with: `replying_teams AS (${replyingOwners(p, BY_TEAM)})`,
    total: `SELECT count(*) FROM teams t JOIN replying_teams r ON r.owner_id = t.id WHERE ${p.teamMatches('t.id')}`,
  }),
  columns: [
    {
      field: 'createdAt',
      header: { en: 'Created at', ptBR: 'Criado em' },
      type: 'DateTime',
      description: 'When the team was created.',
      sql: 't.created_at',
    },
    {
      field: 'teamId',
      header: { en: 'Team ID', ptBR: 'ID da equipe' },
      type: 'ID',
      description: 'The team unique identifier.',
      sql: 't.id',
    },
    {
      field: 'teamName',
      header: { en: 'Team Name', ptBR: 'Nome da equipe' },
      type: 'String',
      description: 'The team name.',
      sql: 't.name',
    },
    {
      field: 'resolvesWithReply',
      header: { en: 'Resolves With Reply', ptBR: 'Resolve com resposta' },
      type: 'Int',
      description:
        'Number of distinct conversations the team resolved within the range in which a human agent had replied before the resolution.',
      sql: 'coalesce(rs.with_reply, 0)',
    },
    {
      field: 'resolvesWithoutReply',
      header: { en: 'Resolves Without Reply', ptBR: 'Resolve sem resposta' },
      type: 'Int',
      description:
        'Number of distinct conversations the team resolved within the range in which no human agent had replied before the resolution.',
      sql: 'coalesce(rs.without_reply, 0)',
    },
    {
      field: 'avgFirstResponseTimeSeconds',
      header: { en: 'Average First Response Time', ptBR: 'Tempo médio da primeira resposta' },
      type: 'Seconds',
      description:
        'Average, over the conversations the team replied to within the range, of each conversation first response time (see the conversation exports), in seconds; ' +
        'conversations without a first response are left out.',
      sql: 'rp.first_response_seconds',
    },
    {
      field: 'avgResolutionTimeSeconds',
      header: { en: 'Average Resolution Time', ptBR: 'Tempo médio de resolução' },
      type: 'Seconds',
      description:
        'Average, over the resolutions the team made within the range, of the seconds from the conversation first inbound message to that resolution.',
      sql: 'rs.resolution_seconds',
    },
    {
      field: 'totalHandleTimeSeconds',
      header: { en: 'Total Handle Time', ptBR: 'Tempo total de manuseio' },
      type: 'Seconds',
      description:
        'Seconds of locks taken within the range by the team agents during which the locking agent replied (handle time, as in the conversation exports).',
      sql: 'coalesce(lk.handle_seconds, 0)',
    },
    {
      field: 'totalNoReplyTimeSeconds',
      header: { en: 'Total No Reply Time', ptBR: 'Tempo total sem resposta' },
      type: 'Seconds',
      description:
        'Seconds of locks taken within the range by the team agents that ended with the agent resolving the conversation without replying.',
      sql: 'coalesce(lk.no_reply_seconds, 0)',
    },
    {
      field: 'totalCherryPickingTimeSeconds',
      header: { en: 'Total Cherry Picking Time', ptBR: 'Tempo total de colheita de cerejas' },
      type: 'Seconds',
      description:
        'Seconds of locks taken within the range by the team agents in which the agent neither replied nor resolved (looked and released).',
      sql: 'coalesce(lk.cherry_picking_seconds, 0)',
    },
    {
      field: 'avgHandleTimeSeconds',
      header: { en: 'Average Handle Time', ptBR: 'Tempo médio de manuseio' },
      type: 'Seconds',
      description: 'Total Handle Time divided by the number of distinct conversations with handle time; empty when there is none.',
      sql: 'lk.handle_seconds / nullif(lk.handled_conversations, 0)',
    },
    {
      field: 'contactsHelped',
      header: { en: 'Contacts Helped', ptBR: 'Contatos ajudados' },
      type: 'Int',
      description: 'Number of distinct contacts who received at least one reply from the team within the range.',
      sql: 'rp.contacts_helped',
    },
    ...csatScoreCounts('cs', 'of the team (the conversation team)'),
    {
      field: 'tagsAdded',
      header: { en: 'Tags Added', ptBR: 'Tags adicionadas' },
      type: 'Int',
      description: 'Number of tags the team agents applied to messages within the range.',
      sql: 'coalesce(lb.tags_added, 0)',
    },
    {
      field: 'topicsAdded',
      header: { en: 'Topics Added', ptBR: 'Tópicos adicionados' },
      type: 'Int',
      description: 'Number of topics the team agents applied to conversations within the range.',
      sql: 'coalesce(lb.topics_added, 0)',
    },
    {
      field: 'replies',
      header: { en: 'Replies', ptBR: 'Respostas' },
      type: 'Int',
      description: 'Number of public messages the team agents sent to contacts for the team within the range.',
      sql: 'rp.replies',
    },
  ],
};
