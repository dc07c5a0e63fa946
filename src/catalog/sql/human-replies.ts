import { FIRSTS_COLUMNS } from './conversation-firsts';
import { humanReply } from './conversation-metrics';

/**
 * `human_replies` (migration 1770330000000): one row per human reply (`humanReply`) with the columns
 * the reports that read replies by time filter and group on: the reply's team and agent, its
 * conversation's inbox and contact, and whether it is a response (see the responses report). Read by
 * time, a range's replies cost their own rows: from `messages`, the teams and agent-metrics reports
 * read every message of the range and a conversation per reply (0.5 s for each of two passes over
 * 30 days at 100,000 conversations), and the responses count recomputed every reply's cycle.
 *
 * Each row also carries its conversation's `conversation_firsts` times (FIRSTS_COLUMNS), so that the
 * teams report averages the first response of the range's replied conversations from the same pass
 * over the range's replies, instead of a join of each with its conversation's row (a hash of the whole
 * table for 30 days at 100,000 conversations). They are copied from the table, which the applier
 * refreshes first in the same round and which a rebuild and the migrations also build first.
 *
 * A reply is a response when an inbound message (not activity) lies at or before it and after its
 * cycle start, the later of the previous human reply and the last resolution before it. At one
 * instant an inbound message comes before a reply (it is answered by it) and a resolution after it
 * (it starts no cycle for it), as in the page's comparisons; replies at one instant follow their
 * ids. Every row this reads is at or before the reply, so whether a reply is a response depends on
 * no range, zone or asOf: the stored rows answer every count, a reply after asOf being left out by
 * its own time. A deleted message keeps its row, as in the pages, which do not leave them out.
 */

/** Which rows a computation reads: SQL conditions on the messages `m` and the conversation events `e`. */
export interface ReplyConditions {
  messages: string;
  events: string;
}

/**
 * SQL: the `human_replies` rows (account_id, message_id, conversation_id, inbox_id, contact_id,
 * created_at, team_id, sender_agent_id, response, then FIRSTS_COLUMNS) of the rows chosen.
 */
export function humanReplyRows(conditions: ReplyConditions): string {
  return `SELECT s.account_id, s.id, s.conversation_id, c.inbox_id, c.contact_id, s.created_at, s.team_id, s.sender_agent_id,
                 coalesce(s.inbound_at > coalesce(s.cycle_start_at, '-infinity'), false),
                 ${FIRSTS_COLUMNS.map((column) => `f.${column}`).join(', ')}
      FROM (SELECT s.*,
                   max(s.created_at) FILTER (WHERE s.kind = 0) OVER cycle AS inbound_at,
                   max(s.created_at) FILTER (WHERE s.kind > 0) OVER cycle AS cycle_start_at
              FROM (SELECT m.account_id, m.id, m.conversation_id, m.created_at, m.team_id, m.sender_agent_id,
                           CASE WHEN m.direction = 'incoming' THEN 0 ELSE 1 END AS kind
                      FROM messages m
                     WHERE ${conditions.messages}
                       AND (${humanReply('m')} OR (m.direction = 'incoming' AND m.message_type <> 'activity'))
                    UNION ALL
                    SELECT e.account_id, e.id, e.conversation_id, e.occurred_at, NULL, NULL, 2
                      FROM conversation_events e
                     WHERE ${conditions.events} AND e.kind = 'status_changed' AND e.to_status = 'resolved') s
            WINDOW cycle AS (PARTITION BY s.account_id, s.conversation_id ORDER BY s.created_at, s.kind, s.id
                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) s
      JOIN conversations c ON c.account_id = s.account_id AND c.id = s.conversation_id
      LEFT JOIN conversation_firsts f ON f.account_id = s.account_id AND f.conversation_id = s.conversation_id
     WHERE s.kind = 1`;
}
