import { chatAccountAndInbox } from '../columns/common';
import { ReportDefinition } from '../types';

export const chatUsersReport: ReportDefinition = {
  key: 'chat_users',
  title: { en: 'Users', ptBR: 'Usuários' },
  description: 'The human agents (users) of the chat module and the inboxes they belong to, as they are at export time.',
  grain: 'One row per user per inbox the user is a member of (a user in two inboxes has two rows; a user in none has no row).',
  dateRange: 'Not applied: the report is the list of users at export time, whatever the range.',
  source: 'Chat module help article, "Exportar usuários" (Relatório Usuários).',
  filters: { teams: false, agents: true },
  rowKey: ['userId', 'inboxId'],
  from: () => `inbox_members im
    JOIN agents ag ON ag.account_id = im.account_id AND ag.id = im.agent_id
    JOIN inboxes i ON i.account_id = im.account_id AND i.id = im.inbox_id
    JOIN accounts a ON a.id = im.account_id`,
  where: (p) => [`ag.kind = 'human'`, `ag.created_at <= ${p.asOf}`, p.inboxMatches('i'), p.agentMatches('ag.id')],
  columns: [
    ...chatAccountAndInbox('a', 'i'),
    { field: 'userId', header: { en: 'USER_ID', ptBR: 'USER_ID' }, type: 'ID', description: 'The user code.', sql: 'ag.id' },
    { field: 'userName', header: { en: 'USER_NAME', ptBR: 'USER_NAME' }, type: 'String', description: 'The user name.', sql: 'ag.name' },
    {
      field: 'userEmail',
      header: { en: 'USER_EMAIL', ptBR: 'USER_EMAIL' },
      type: 'String',
      description: 'The user e-mail address (the source lists this column without a key; USER_EMAIL is its header here).',
      sql: 'ag.email',
    },
    {
      field: 'createdAt',
      header: { en: 'CREATED_AT', ptBR: 'CREATED_AT' },
      type: 'DateTime',
      description: 'When the user was created.',
      sql: 'ag.created_at',
    },
    {
      field: 'lastSignInAt',
      header: { en: 'LAST_SIGN_IN_AT', ptBR: 'LAST_SIGN_IN_AT' },
      type: 'DateTime',
      description: 'When the user last signed in.',
      sql: 'ag.last_sign_in_at',
    },
    {
      field: 'lastSignInIp',
      header: { en: 'LAST_SIGN_IN_IP', ptBR: 'LAST_SIGN_IN_IP' },
      type: 'String',
      description: 'The IP address of the user last sign-in.',
      sql: 'host(ag.last_sign_in_ip)',
    },
  ],
};
