import { QueryRunner } from 'typeorm';
import { responseRows } from '../../catalog/sql/response-cycles';
import { Sql } from '../../db/sql';
import { PerConversationTable, rebuildPerConversation, refreshPerConversation } from './per-conversation';

/**
 * `message_responses` (migration 1770330000000), kept per conversation: its rows depend on the
 * conversation's inbox (its creation, sent again, may move it), on its messages and on its
 * resolutions. A status change's status is the one it was first applied with.
 */
const RESPONSES: PerConversationTable = {
  table: 'message_responses',
  touched: 'ingest_responses_conversations',
  touchedBy: `b.type = 'conversation.status_changed'`,
  rows: (scope) => responseRows({ messages: scope('m'), events: scope('e') }),
};

export const refreshMessageResponses = (sql: Sql, accountId: string): Promise<void> => refreshPerConversation(sql, accountId, RESPONSES);

export const rebuildMessageResponses = (runner: QueryRunner): Promise<number> => rebuildPerConversation(runner, RESPONSES);
