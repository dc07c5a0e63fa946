import { ReportParams } from '../types';
import { humanReply } from './conversation-metrics';

/**
 * The human replies up to the range's end that are responses (see the responses report), with the
 * message columns the report filters on: an inbound message at or before the reply and after its
 * cycle start, the later of the previous human reply and the last resolution before it. The page
 * looks these up per reply (four index scans each, ~900k replies in 30 days at 1M conversations); a
 * count reads instead, once, the replies, inbound messages and resolutions of each conversation the
 * range's replies are in (one index range of each table per conversation: a hash join would read
 * every resolution of the account), in time order, and carries the latest of each kind forward. At
 * one instant an inbound message comes before a reply (it is answered by it) and a resolution after
 * it (it starts no cycle for it), as in the page's comparisons. The count filters these rows
 * themselves: joined back to the messages, a row estimate of one once put this on the inner side of
 * a nested loop, recomputed per message (the demo data's 60-day count timed out).
 */
export function responses(p: ReportParams): string {
  const range = (alias: string) =>
    `${alias}.created_at >= ${p.from} AND ${alias}.created_at < ${p.to} AND ${alias}.created_at <= ${p.asOf}`;
  const carried = (alias: string) =>
    ['account_id', 'conversation_id', 'created_at', 'direction', 'origin', 'private', 'message_type', 'team_id', 'sender_agent_id']
      .map((column) => `${alias}.${column}`)
      .join(', ');
  return `SELECT s.id, ${carried('s')}
      FROM (SELECT s.*,
                   max(s.created_at) FILTER (WHERE s.kind = 0) OVER cycle AS inbound_at,
                   max(s.created_at) FILTER (WHERE s.kind > 0) OVER cycle AS cycle_start_at
              FROM (SELECT DISTINCT r.conversation_id FROM messages r WHERE ${humanReply('r')} AND ${range('r')}) k
              CROSS JOIN LATERAL (
                    SELECT x.id, ${carried('x')},
                           CASE WHEN x.direction = 'incoming' THEN 0 ELSE 1 END AS kind
                      FROM messages x
                     WHERE x.conversation_id = k.conversation_id AND x.created_at < ${p.to}
                       AND (${humanReply('x')} OR (x.direction = 'incoming' AND x.message_type <> 'activity'))
                    UNION ALL
                    SELECT e.id, e.account_id, e.conversation_id, e.occurred_at, NULL, NULL, NULL, NULL, NULL, NULL, 2
                      FROM conversation_events e
                     WHERE e.conversation_id = k.conversation_id AND e.occurred_at < ${p.to}
                       AND e.kind = 'status_changed' AND e.to_status = 'resolved') s
            WINDOW cycle AS (PARTITION BY s.conversation_id ORDER BY s.created_at, s.kind, s.id
                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) s
     WHERE s.kind = 1 AND s.inbound_at > coalesce(s.cycle_start_at, '-infinity')`;
}
