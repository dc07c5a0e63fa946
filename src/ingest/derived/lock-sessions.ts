import { QueryRunner } from 'typeorm';
import { lockSessionRows } from '../../catalog/sql/lock-sessions';
import { Sql } from '../../db/sql';
import { PerConversationTable, rebuildPerConversation, refreshPerConversation } from './per-conversation';

/**
 * `lock_sessions` (migration 1770300000000), kept per conversation: its rows depend on the
 * conversation's locks and unlocks, its resolutions and its human replies. Erasure deletes none of
 * them, so the counts stay.
 */
const LOCKS: PerConversationTable = {
  table: 'lock_sessions',
  touched: 'ingest_lock_conversations',
  touchedBy: `b.type IN ('conversation.locked', 'conversation.unlocked')
              OR (b.type = 'conversation.status_changed' AND b.data->>'status' = 'resolved')`,
  rows: lockSessionRows,
};

export const refreshLockSessions = (sql: Sql, accountId: string): Promise<void> => refreshPerConversation(sql, accountId, LOCKS);

export const rebuildLockSessions = (runner: QueryRunner): Promise<number> => rebuildPerConversation(runner, LOCKS);
