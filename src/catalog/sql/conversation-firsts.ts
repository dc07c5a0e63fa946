import { ReportParams } from '../types';
import { humanReply } from './conversation-metrics';

/**
 * `conversation_firsts` (migration 1770230000000): one row per conversation with the first times
 * the activity reports (teams, agent_metrics) measure from, so that they read the range's
 * conversations instead of every message and handover of the account's history. Each is a minimum
 * over all of the conversation's rows, and each metric's cut at asOf follows from it: the minimum
 * of the rows up to asOf is the stored one when that is not after asOf, and none otherwise.
 * - `first_inbound_at`: the first inbound message other than activity;
 * - `first_handover_at`: the first `handed_over` event;
 * - `first_reply_at`: the first human reply (`humanReply`);
 * - `reply_after_handover_at`, `reply_after_inbound_at`: the first human reply at or after the
 *   first handover, and at or after the first inbound message: where the first response ends for
 *   either clock start (see `firstResponseSeconds`).
 */
export const FIRSTS_COLUMNS = [
  'first_inbound_at',
  'first_handover_at',
  'first_reply_at',
  'reply_after_handover_at',
  'reply_after_inbound_at',
] as const;

/** Which rows a computation reads: SQL conditions on the conversation `c`, its messages `m` and its events `e`. */
export interface FirstsConditions {
  conversations: string;
  messages: string;
  events: string;
}

/** SQL: the `conversation_firsts` rows (account_id, conversation_id, then FIRSTS_COLUMNS) of the conversations chosen. */
export function conversationFirstsRows(conditions: FirstsConditions): string {
  const inbound = `m.direction = 'incoming' AND m.message_type <> 'activity'`;
  return `SELECT c.account_id, c.id, f.first_inbound_at, h.first_handover_at, f.first_reply_at,
         min(r.created_at) FILTER (WHERE r.created_at >= h.first_handover_at),
         min(r.created_at) FILTER (WHERE r.created_at >= f.first_inbound_at)
    FROM conversations c
    LEFT JOIN (SELECT m.account_id, m.conversation_id,
                      min(m.created_at) FILTER (WHERE ${inbound}) AS first_inbound_at,
                      min(m.created_at) FILTER (WHERE ${humanReply()}) AS first_reply_at
                 FROM messages m
                WHERE ${conditions.messages} AND ((${inbound}) OR (${humanReply()}))
                GROUP BY m.account_id, m.conversation_id) f ON f.account_id = c.account_id AND f.conversation_id = c.id
    LEFT JOIN (SELECT e.account_id, e.conversation_id, min(e.occurred_at) AS first_handover_at
                 FROM conversation_events e
                WHERE ${conditions.events} AND e.kind = 'handed_over'
                GROUP BY e.account_id, e.conversation_id) h ON h.account_id = c.account_id AND h.conversation_id = c.id
    LEFT JOIN messages r ON r.account_id = c.account_id AND r.conversation_id = c.id AND ${humanReply('r')}
     AND (r.created_at >= h.first_handover_at OR r.created_at >= f.first_inbound_at)
   WHERE ${conditions.conversations}
   GROUP BY c.account_id, c.id, f.first_inbound_at, h.first_handover_at, f.first_reply_at`;
}

/**
 * SQL: the first response time (as `firstResponse` defines it, up to asOf) of the conversation whose
 * `conversation_firsts` row is `f`, in seconds; NULL when it has none. The clock starts at the first
 * handover up to asOf, else at the first inbound message up to asOf, and stops at the first human
 * reply at or after that start, when that reply is not after asOf.
 */
export function firstResponseSeconds(p: ReportParams, f: string): string {
  const handedOver = `${f}.first_handover_at <= ${p.asOf}`;
  const started = `CASE WHEN ${handedOver} THEN ${f}.first_handover_at WHEN ${f}.first_inbound_at <= ${p.asOf} THEN ${f}.first_inbound_at END`;
  const replied = `CASE WHEN ${handedOver} THEN ${f}.reply_after_handover_at WHEN ${f}.first_inbound_at <= ${p.asOf} THEN ${f}.reply_after_inbound_at END`;
  return `CASE WHEN ${replied} <= ${p.asOf} THEN extract(epoch FROM ${replied} - ${started}) END`;
}
