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
