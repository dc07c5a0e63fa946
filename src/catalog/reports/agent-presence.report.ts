import { presenceStatusEnum } from '../labels';
import { agentInTeams } from '../sql/membership';
import { ReportDefinition } from '../types';

export const agentPresenceReport: ReportDefinition = {
  key: 'agent_presence',
  title: { en: 'User Presence', ptBR: 'Presença do agente' },
  description:
    'Every Available or Away interval of the human agents that overlaps the range, whole (not clipped). The channel filter keeps the agents who are members of the chosen inboxes.',
  grain: 'One row per presence interval of an agent.',
  dateRange: 'The intervals: every interval that overlaps the range, including those that start before it or end after it.',
  source: 'Sparkcentral data exports, 8th export (user presence).',
  filters: { teams: true, agents: true },
  rowKey: ['interval'],
  keys: { interval: 'ap.id' },
  from: () => `agent_presences ap
    JOIN agents ag ON ag.account_id = ap.account_id AND ag.id = ap.agent_id`,
  where: (p) => [
    `ap.started_at < ${p.to}`,
    `coalesce(ap.ended_at, ${p.asOf}) > ${p.from}`,
    `ap.started_at <= ${p.asOf}`,
    p.agentMatches('ag.id'),
    agentInTeams(p, 'ag'),
    `(NOT ${p.inboxesFiltered} OR EXISTS (
      SELECT 1 FROM inbox_members im JOIN inboxes i ON i.account_id = im.account_id AND i.id = im.inbox_id
       WHERE im.account_id = ag.account_id AND im.agent_id = ag.id AND ${p.inboxMatches('i')}))`,
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
      field: 'presenceType',
      header: { en: 'Type', ptBR: 'Tipo' },
      type: 'String',
      description: 'AVAILABLE or AWAY.',
      sql: 'ap.status',
      enum: presenceStatusEnum,
    },
    {
      field: 'awayState',
      header: { en: 'Away State', ptBR: 'Estado ausente' },
      type: 'String',
      description: 'The name of the custom away state (e.g. Lunch); empty for Available intervals.',
      sql: 'ap.away_state',
    },
    {
      field: 'startedAt',
      header: { en: 'From', ptBR: 'De' },
      type: 'DateTime',
      description: 'When the interval started.',
      sql: 'ap.started_at',
    },
    {
      field: 'endedAt',
      header: { en: 'To', ptBR: 'Para' },
      type: 'DateTime',
      description: 'When the interval ended; empty while it is still going on.',
      sql: 'ap.ended_at',
    },
    {
      field: 'durationSeconds',
      header: { en: 'Duration (s)', ptBR: 'Duração (s)' },
      type: 'Seconds',
      description:
        'Length of the whole interval in seconds, not clipped to the range; an interval still going on is measured up to export time.',
      sql: (p) => `extract(epoch FROM coalesce(ap.ended_at, ${p.asOf}) - ap.started_at)`,
    },
  ],
};
