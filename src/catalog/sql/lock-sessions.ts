import { ReportParams } from '../types';
import { humanReply } from './conversation-metrics';

/**
 * `lock_sessions` (migration 1770300000000): one row per `locked` event of an agent, with what
 * decides the lock's outcome at any asOf, so that the teams and agent_metrics reports read a range's
 * locks instead of joining each with the agent's replies and resolutions while it was held (at
 * 100,000 conversations: 61,848 locks in 30 days, 5.6 s of an 11 s teams page).
 * - `released_at`: the next `locked` or `unlocked` event of the same agent on the conversation (by
 *   time, then event id), NULL while none follows;
 * - `first_reply_at`: the agent's first human reply (`humanReply`) at or after `locked_at` and not
 *   after `released_at`;
 * - `first_resolution_at`: the agent's first resolution (a status change to Resolved) in the same
 *   window.
 * A lock held at asOf ends there; either minimum decides the outcome at asOf exactly: there is a
 * reply in [locked_at, least(released_at, asOf)] when the first one of the wider window is not after
 * that end (see `lockOutcome`).
 */
export const LOCK_SESSION_COLUMNS = ['locked_at', 'released_at', 'first_reply_at', 'first_resolution_at'] as const;

/**
 * SQL: the `lock_sessions` rows (account_id, conversation_id, lock_event_id, agent_id, then
 * LOCK_SESSION_COLUMNS) of the events, messages and resolutions `scope(alias)` chooses: it must choose
 * whole conversations, since a lock's release and minima are read from the rest of them. The minima
 * are joins grouped by lock, not lookups per lock: a migration builds every account's locks at once.
 */
export function lockSessionRows(scope: (alias: string) => string): string {
  const lock = 'l.account_id, l.conversation_id, l.id, l.agent_id, l.locked_at, l.released_at';
  const within = (at: string) => `${at} >= l.locked_at AND (l.released_at IS NULL OR ${at} <= l.released_at)`;
  const replied = `SELECT ${lock}, min(m.created_at) AS first_reply_at
      FROM (SELECT e.account_id, e.conversation_id, e.id, e.agent_id, e.kind, e.occurred_at AS locked_at,
                   lead(e.occurred_at) OVER (PARTITION BY e.account_id, e.conversation_id, e.agent_id ORDER BY e.occurred_at, e.id) AS released_at
              FROM conversation_events e
             WHERE e.kind IN ('locked', 'unlocked') AND e.agent_id IS NOT NULL AND ${scope('e')}) l
      LEFT JOIN messages m ON m.account_id = l.account_id AND m.conversation_id = l.conversation_id AND m.sender_agent_id = l.agent_id
       AND ${humanReply()} AND ${within('m.created_at')} AND ${scope('m')}
     WHERE l.kind = 'locked'
     GROUP BY ${lock}`;
  return `SELECT ${lock}, l.first_reply_at, min(r.occurred_at)
    FROM (${replied}) l
    LEFT JOIN conversation_events r ON r.account_id = l.account_id AND r.conversation_id = l.conversation_id AND r.agent_id = l.agent_id
     AND r.kind = 'status_changed' AND r.to_status = 'resolved' AND ${within('r.occurred_at')} AND ${scope('r')}
   GROUP BY ${lock}, l.first_reply_at`;
}

/** The lock `ls` counts at asOf: it was taken by then. */
export function lockTaken(p: ReportParams, ls: string): string {
  return `${ls}.locked_at <= ${p.asOf}`;
}

/**
 * SQL of the lock `ls`'s `seconds` and `outcome` at asOf, as the column descriptions publish them:
 * from its `locked` event to its release, or to asOf while still held (or released after it). It is
 * *handle* when the agent replied while holding it, *no_reply* when the agent resolved the
 * conversation while holding it without replying, *cherry_picking* otherwise (looked and released);
 * the three partition all lock time.
 */
export function lockOutcome(p: ReportParams, ls: string): { seconds: string; outcome: string } {
  const unlocked = `least(coalesce(${ls}.released_at, ${p.asOf}), ${p.asOf})`;
  return {
    seconds: `extract(epoch FROM ${unlocked} - ${ls}.locked_at)`,
    outcome: `CASE WHEN ${ls}.first_reply_at <= ${unlocked} THEN 'handle' WHEN ${ls}.first_resolution_at <= ${unlocked} THEN 'no_reply' ELSE 'cherry_picking' END`,
  };
}

/** Lock time of one conversation by outcome, as `<alias>.handle_seconds`, `.no_reply_seconds`, `.cherry_picking_seconds`. */
export function conversationLockTimes(p: ReportParams, conversation: string, alias: string): string {
  const { seconds, outcome } = lockOutcome(p, 'ls');
  return `LEFT JOIN LATERAL (
    SELECT coalesce(sum(s.seconds) FILTER (WHERE s.outcome = 'handle'), 0) AS handle_seconds,
           coalesce(sum(s.seconds) FILTER (WHERE s.outcome = 'no_reply'), 0) AS no_reply_seconds,
           coalesce(sum(s.seconds) FILTER (WHERE s.outcome = 'cherry_picking'), 0) AS cherry_picking_seconds
      FROM (SELECT ${seconds} AS seconds, ${outcome} AS outcome
              FROM lock_sessions ls
             WHERE ls.account_id = ${conversation}.account_id AND ls.conversation_id = ${conversation}.id AND ${lockTaken(p, 'ls')}) s
  ) ${alias} ON true`;
}
