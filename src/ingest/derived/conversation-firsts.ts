import { QueryRunner } from 'typeorm';
import { conversationFirstsRows } from '../../catalog/sql/conversation-firsts';
import { Sql } from '../../db/sql';
import { PerConversationTable, rebuildPerConversation, refreshPerConversation } from './per-conversation';

/**
 * `conversation_firsts` (migration 1770230000000), kept per conversation: its rows depend on the
 * conversation's messages and on its handovers.
 */
const FIRSTS: PerConversationTable = {
  table: 'conversation_firsts',
  touched: 'ingest_firsts_conversations',
  touchedBy: `b.type = 'conversation.handed_over'`,
  rows: (scope) => conversationFirstsRows({ conversations: scope('c', 'id'), messages: scope('m'), events: scope('e') }),
};

export const refreshConversationFirsts = (sql: Sql, accountId: string): Promise<void> => refreshPerConversation(sql, accountId, FIRSTS);

export const rebuildConversationFirsts = (runner: QueryRunner): Promise<number> => rebuildPerConversation(runner, FIRSTS);
