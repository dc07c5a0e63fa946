import { ReportParams } from '../types';

/**
 * Per-conversation metrics as LATERAL joins on a conversation alias, so a report computes them
 * only for the conversations it returns (index lookups by (account_id, conversation_id)).
 * The definitions here are the ones the column descriptions publish; change both together.
 */

/** A public message a human agent sent to the contact: what "a reply" means in every metric. */
export function humanReply(message = 'm'): string {
  return `${message}.direction = 'outgoing' AND ${message}.origin = 'agent' AND NOT ${message}.private AND ${message}.message_type <> 'activity'`;
}

/** Message counts and the first inbound message, as `<alias>.inbound_count`, `.outbound_count`, `.first_inbound_at`. */
export function messageCounts(p: ReportParams, conversation: string, alias: string): string {
  return `LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE m.direction = 'incoming') AS inbound_count,
           count(*) FILTER (WHERE m.direction = 'outgoing' AND NOT m.private) AS outbound_count,
           min(m.created_at) FILTER (WHERE m.direction = 'incoming') AS first_inbound_at
      FROM messages m
     WHERE m.account_id = ${conversation}.account_id AND m.conversation_id = ${conversation}.id
       AND m.message_type <> 'activity' AND m.created_at <= ${p.asOf}
  ) ${alias} ON true`;
}

/**
 * First response time as `<alias>.seconds`: from the clock start to the first human reply at or
 * after it. The clock starts at the first handover to the human (New) queue when there is one,
 * otherwise at the first inbound message; virtual-agent and automated messages never stop it. Every
 * `handed_over` event counts, the auto-responder's (no agent) as well as a virtual agent's: the
 * source starts the clock at "a transferência do VA/AR para a fila Nova".
 * Needs the `messageCounts` alias for the first inbound message.
 */
export function firstResponse(p: ReportParams, conversation: string, counts: string, alias: string): string {
  return `LEFT JOIN LATERAL (
    SELECT extract(epoch FROM min(m.created_at) - s.started_at) AS seconds
      FROM (SELECT coalesce(
              (SELECT min(e.occurred_at) FROM conversation_events e
                WHERE e.account_id = ${conversation}.account_id AND e.conversation_id = ${conversation}.id
                  AND e.kind = 'handed_over' AND e.occurred_at <= ${p.asOf}),
              ${counts}.first_inbound_at) AS started_at) s
      JOIN messages m ON m.account_id = ${conversation}.account_id AND m.conversation_id = ${conversation}.id
                     AND ${humanReply()} AND m.created_at >= s.started_at AND m.created_at <= ${p.asOf}
     GROUP BY s.started_at
  ) ${alias} ON true`;
}

/**
 * One row per lock an agent held on a conversation: from its `locked` event to the next `unlocked`
 * (or `locked`) event of the same agent on that conversation, or to the as-of time while still
 * held. A lock is *handling* when the agent replied while holding it, *no-reply* when the agent
 * resolved the conversation while holding it without replying, and *cherry-picking* otherwise
 * (looked and released). The three kinds partition all lock time.
 *
 * `scope(alias, at)` narrows the lock events and the replies and resolutions matched to them (a
 * row alias and its time column). The locks are joined with the agent's replies, then with the
 * agent's resolutions, each by the conversation, rather than looked up per lock: a year of an
 * account holds ~700k locks. The account is left to Row Level Security (joined on it too, a derived
 * set inherits its filter and is estimated at one row).
 */
export function lockSessions(p: ReportParams, scope: (alias: string, at: string) => string): string {
  const lock = 'l.id, l.account_id, l.conversation_id, l.agent_id, l.locked_at, l.unlocked_at';
  const replied = `SELECT ${lock}, count(m.id) > 0 AS replied
      FROM (SELECT e.id, e.account_id, e.conversation_id, e.agent_id, e.kind, e.occurred_at AS locked_at,
                   least(coalesce(lead(e.occurred_at) OVER (PARTITION BY e.conversation_id, e.agent_id ORDER BY e.occurred_at, e.id),
                                  ${p.asOf}), ${p.asOf}) AS unlocked_at
              FROM conversation_events e
             WHERE e.kind IN ('locked', 'unlocked') AND e.agent_id IS NOT NULL AND e.occurred_at <= ${p.asOf}
               AND ${scope('e', 'e.occurred_at')}) l
      LEFT JOIN messages m ON m.conversation_id = l.conversation_id AND m.sender_agent_id = l.agent_id AND ${humanReply()}
       AND m.created_at >= l.locked_at AND m.created_at <= l.unlocked_at AND ${scope('m', 'm.created_at')}
     WHERE l.kind = 'locked'
     GROUP BY ${lock}`;
  return `SELECT l.account_id, l.conversation_id, l.agent_id, l.locked_at, l.unlocked_at,
         extract(epoch FROM l.unlocked_at - l.locked_at) AS seconds,
         CASE WHEN l.replied THEN 'handle' WHEN count(r.id) > 0 THEN 'no_reply' ELSE 'cherry_picking' END AS outcome
    FROM (${replied}) l
    LEFT JOIN conversation_events r ON r.conversation_id = l.conversation_id AND r.agent_id = l.agent_id
     AND r.kind = 'status_changed' AND r.to_status = 'resolved'
     AND r.occurred_at >= l.locked_at AND r.occurred_at <= l.unlocked_at AND ${scope('r', 'r.occurred_at')}
   GROUP BY ${lock}, l.replied`;
}

/** Lock time of one conversation by outcome, as `<alias>.handle_seconds`, `.no_reply_seconds`, `.cherry_picking_seconds`. */
export function conversationLockTimes(p: ReportParams, conversation: string, alias: string): string {
  return `LEFT JOIN LATERAL (
    SELECT coalesce(sum(s.seconds) FILTER (WHERE s.outcome = 'handle'), 0) AS handle_seconds,
           coalesce(sum(s.seconds) FILTER (WHERE s.outcome = 'no_reply'), 0) AS no_reply_seconds,
           coalesce(sum(s.seconds) FILTER (WHERE s.outcome = 'cherry_picking'), 0) AS cherry_picking_seconds
      FROM (${lockSessions(p, (row) => `${row}.account_id = ${conversation}.account_id AND ${row}.conversation_id = ${conversation}.id`)}) s
  ) ${alias} ON true`;
}
