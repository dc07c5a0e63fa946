import { QueryRunner } from 'typeorm';
import { humanReplyRows } from '../../catalog/sql/human-replies';
import { Sql } from '../../db/sql';
import { PerConversationTable, rebuildPerConversation, refreshPerConversation } from './per-conversation';

/**
 * `human_replies` (migration 1770330000000), kept per conversation: its rows depend on the
 * conversation's inbox and contact (its creation, sent again, may change them), on its messages, on
 * its resolutions and, through the `conversation_firsts` times it copies (refreshed before it), on
 * its handovers. A status change's status is the one it was first applied with.
 */
const HUMAN_REPLIES: PerConversationTable = {
  table: 'human_replies',
  touched: 'ingest_human_replies_conversations',
  touchedBy: `b.type IN ('conversation.status_changed', 'conversation.handed_over')`,
  rows: (scope) => humanReplyRows({ messages: scope('m'), events: scope('e') }),
};

export const refreshHumanReplies = (sql: Sql, accountId: string): Promise<void> => refreshPerConversation(sql, accountId, HUMAN_REPLIES);

export const rebuildHumanReplies = (runner: QueryRunner): Promise<number> => rebuildPerConversation(runner, HUMAN_REPLIES);
