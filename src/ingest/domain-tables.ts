/** The tables the reports read; only src/ingest writes them (the one write path). */
export const DOMAIN_TABLES = [
  'inboxes',
  'contacts',
  'contact_attributes',
  'agents',
  'teams',
  'team_members',
  'inbox_members',
  'topics',
  'tags',
  'conversations',
  'conversation_topics',
  'conversation_events',
  'messages',
  'message_tags',
  'agent_presences',
  'dispatches',
] as const;
